using System.Text;
using Federation.Grains;

namespace Federation.Cli;

/// <summary>A rollout as text: phase, waves in order with each member's place, why it stopped; and its exit code.</summary>
internal static class RolloutPrinter
{
    public static string Render(ApplicationView app)
    {
        var text = new StringBuilder();
        if (app.Rollout is not { } r)
        {
            text.AppendLine($"{app.Namespace}/{app.Name}: no progressive rollout (the template has not changed under rollout.strategy Progressive)");
            return text.ToString();
        }

        text.AppendLine($"{app.Namespace}/{app.Name}: rollout {r.FromTemplate} → {r.ToTemplate}: {r.Phase}{(r.Paused ? " (paused)" : "")}"
            + (r.Waves.Count > 0 && r.Phase is "Progressing" ? $", wave {r.Wave + 1}/{r.Waves.Count}" : ""));
        var members = r.Members.ToDictionary(m => m.Cluster, StringComparer.Ordinal);
        for (var w = 0; w < r.Waves.Count; w++)
        {
            var cells = r.Waves[w].Select(m => members.TryGetValue(m, out var v) ? $"{m} {v.Phase}" : m);
            text.AppendLine($"  wave {w + 1}: {string.Join(", ", cells)}");
        }

        foreach (var m in r.Members.Where(m => m.Reason is not null))
        {
            text.AppendLine($"  {m.Cluster}: {m.Reason}");
        }

        if (r.Reason is { } reason && r.Phase is "RolledBack" or "Halted" or "RollingBack")
        {
            text.AppendLine($"  reason: {reason}");
        }

        return text.ToString();
    }

    /// <summary>The exit code of a finished rollout; null while it runs.</summary>
    public static int? Outcome(RolloutView? r) => r?.Phase switch
    {
        null => ExitCodes.Success,
        "Succeeded" => ExitCodes.Success,
        "Halted" or "RolledBack" => ExitCodes.Failed,
        _ => null,
    };
}
