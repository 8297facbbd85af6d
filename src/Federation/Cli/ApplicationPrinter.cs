using Federation.Grains;

namespace Federation.Cli;

/// <summary>Applications as tables and details.</summary>
internal static class ApplicationPrinter
{
    public static void List(TextWriter writer, IReadOnlyList<ApplicationView> applications)
    {
        if (applications.Count == 0)
        {
            writer.WriteLine("No applications. Create one with: apps apply -f FILE");
            return;
        }

        var table = new TextTable("NAMESPACE/NAME", "REPLICAS", "READY", "FLOOR", "STRATEGY", "SHORTFALL", "MIGRATION");
        foreach (var a in applications.OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            table.Add($"{a.Namespace}/{a.Name}", $"{a.Replicas}", a.UnknownReplicas > 0 ? $"{a.ReadyReplicas} (+{a.UnknownReplicas}?)" : $"{a.ReadyReplicas}", $"{a.Floor}", a.Strategy.ToString(), $"{a.Shortfall}", Migration(a.Migration));
        }

        table.WriteTo(writer);
    }

    public static void Details(TextWriter writer, ApplicationView a)
    {
        writer.WriteLine($"Application:   {a.Namespace}/{a.Name} (generation {a.Generation})");
        writer.WriteLine($"Replicas:      {a.Replicas} wanted, {a.ReadyReplicas} ready, floor {a.Floor}"
            + (a.UnknownReplicas > 0 ? $", unknown: {a.UnknownReplicas} (on unreachable members)" : ""));
        writer.WriteLine($"Strategy:      {a.Strategy}");
        if (a.Shortfall > 0)
        {
            writer.WriteLine($"Shortfall:     {a.Shortfall} replica(s) cannot be placed");
        }

        writer.WriteLine();
        var members = a.Stateful is null
            ? new TextTable("CLUSTER", "TARGET", "APPLIED", "READY", "UNKNOWN", "LOST")
            : new TextTable("CLUSTER", "TARGET", "APPLIED", "READY", "UNKNOWN", "LOST", "ORDINALS");
        foreach (var m in (a.Members ?? []).OrderBy(m => m.Cluster, StringComparer.Ordinal))
        {
            string[] cells = [m.Reachable ? m.Cluster : $"{m.Cluster} (unreachable)", $"{m.Target}", $"{m.Applied}", $"{m.Ready}", $"{m.Unknown}", $"{m.Lost}"];
            members.Add(a.Stateful is null ? cells : [.. cells, m.Ordinals ?? "none"]);
        }

        members.WriteTo(writer);
        if (a.Stateful is { } s)
        {
            writer.WriteLine();
            writer.WriteLine($"StatefulSet:   failover.stateful {s.Failover}" + (s.InFlight is { } f ? $"; ordinal in flight: {f}" : "") + (s.WaitingFor is { } w ? $"; waiting: {w}" : ""));
            if (s.AwaitingConfirmation is { Count: > 0 } awaiting)
            {
                writer.WriteLine($"AWAITING CONFIRMATION: failover of {string.Join(", ", awaiting)} (their volumes do not follow): federation apps confirm-failover {a.Namespace}/{a.Name}");
            }
        }

        if (a.ExcludedClusters is { Count: > 0 } excluded)
        {
            writer.WriteLine();
            writer.WriteLine("Excluded clusters:");
            foreach (var (cluster, reason) in excluded.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteLine($"  {cluster}: {reason}");
            }
        }

        if (a.Conditions is { Count: > 0 } conditions)
        {
            writer.WriteLine();
            var table = new TextTable("CONDITION", "STATUS", "REASON", "MESSAGE");
            foreach (var c in conditions)
            {
                table.Add(c.Type, c.Status ? "True" : "False", c.Reason, c.Message);
            }

            table.WriteTo(writer);
        }

        writer.WriteLine();
        if (a.Migration is not { } m2)
        {
            writer.WriteLine("Migration:     none");
            return;
        }

        writer.WriteLine($"Migration:     {m2.Id} ({m2.Reason})");
        writer.WriteLine($"  From:        {string.Join(", ", m2.Sources ?? [])}");
        writer.WriteLine($"  To:          {string.Join(", ", m2.Targets ?? [])}");
        writer.WriteLine($"  Progress:    {m2.Moved} moved, {m2.Remaining} remaining, step {m2.Step}");
        writer.WriteLine($"  Started:     {Units.Time(m2.StartedAt)}, step since {Units.Time(m2.StepStartedAt)}");
        if (m2.StuckReason is { } stuck)
        {
            writer.WriteLine($"  STUCK:       {stuck}");
        }
    }

    public static string Migration(MigrationView? migration) => migration switch
    {
        null => "-",
        { StuckReason: { } stuck } => $"STUCK {migration.Moved}/{migration.Moved + migration.Remaining}: {stuck}",
        _ => $"{migration.Moved}/{migration.Moved + migration.Remaining} {string.Join(",", migration.Sources ?? [])}->{string.Join(",", migration.Targets ?? [])}",
    };
}
