"""The case pages: the caseloads, the case, assignment, the journal and its letters."""
