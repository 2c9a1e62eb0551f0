"""Analysis for authors: static checks, comparison of story versions, the story map, and
random and exhaustive exploration. Builds on the play and story layers."""
