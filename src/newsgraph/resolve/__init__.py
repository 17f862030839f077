"""resolve stage: work across articles (near-duplicate clusters; later speakers and statements)."""
