"""igalgo.world.surfaces."""
