# Reads one of our network files the way an R user would and prints, per vertex in file order,
# igraph's default betweenness() and constraint() and, for GraphML, sna's Gould-Fernandez
# brokerage roles over the ties' arcs (mutual, else from arc_from) with the file's actor_type
# groups. Usage: Rscript read_network.R FILE graphml|pajek
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages({
  library(igraph)
  library(sna)
})
g <- read_graph(args[1], format = args[2])
out <- data.frame(
  directed = is_directed(g),
  weighted = "weight" %in% edge_attr_names(g),
  betweenness = igraph::betweenness(g),
  constraint = igraph::constraint(g)
)
if (args[2] == "graphml") {
  out$id <- V(g)$id
  n <- vcount(g)
  arcs <- matrix(0, n, n)
  if (ecount(g) > 0) {
    pairs <- ends(g, E(g), names = FALSE)
    for (e in seq_len(ecount(g))) {
      a <- pairs[e, 1]
      b <- pairs[e, 2]
      if (isTRUE(E(g)$mutual[e])) {
        arcs[a, b] <- 1
        arcs[b, a] <- 1
      } else if (E(g)$arc_from[e] == V(g)$id[a]) {
        arcs[a, b] <- 1
      } else {
        arcs[b, a] <- 1
      }
    }
  }
  out <- cbind(out, sna::brokerage(arcs, V(g)$actor_type)$raw.nli)
}
write.csv(out, stdout(), row.names = FALSE)
