"""The collaboration area's safety-net rules and its answers to the screening rules' hooks."""
