"""igalgo.inputs."""
