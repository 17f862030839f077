"""resolve stage: cross-article resolution (speakers, syndicated copies), fed by the nlp stage."""
