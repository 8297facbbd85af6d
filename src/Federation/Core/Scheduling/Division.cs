namespace Federation.Scheduling;

/// <summary>A divider's answer: seats per member, and (Weighted, Dynamic) what each would hold on a fresh placement.</summary>
internal sealed record Division(int[] Seats, int[]? Anchor = null);
