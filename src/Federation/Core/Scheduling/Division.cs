namespace Federation.Scheduling;

/// <summary>A divider's answer: seats per member, and (Weighted, Dynamic) each member's share rounded down.</summary>
internal sealed record Division(int[] Seats, int[]? ShareDown = null);
