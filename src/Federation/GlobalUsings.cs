// Orleans brings its own PlacementStrategy (grain placement) into scope; ours is the replica policy.
global using PlacementStrategy = Federation.Scheduling.PlacementStrategy;
