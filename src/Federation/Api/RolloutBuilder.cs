using System.Globalization;
using System.Text.Json;
using Federation.Rollouts;

namespace Federation.Api;

/// <summary>Turns the <c>rollout</c> of an application request into a policy, naming every field that is wrong.</summary>
public static class RolloutBuilder
{
    public const int MaxWaves = 100;

    public static RolloutPolicy? Build(RolloutRequest? body, Validation v)
    {
        if (body is null)
        {
            return RolloutPolicy.Default;
        }

        var ok = true;
        var strategy = Parse<RolloutStrategy>("rollout.strategy", body.Strategy, RolloutStrategy.All, v, ref ok);
        var onFailure = Parse<FailurePolicy>("rollout.onFailure", body.OnFailure, FailurePolicy.Rollback, v, ref ok);
        var canary = body.Canary is null ? null : Wave("rollout.canary", body.Canary, v, ref ok);
        if (body.Waves is { Count: > MaxWaves })
        {
            v.Add("rollout.waves", $"{body.Waves.Count} waves; at most {MaxWaves}");
            ok = false;
        }

        var waves = (body.Waves ?? []).Select((w, i) => Wave($"rollout.waves[{i}]", w, v, ref ok)).ToList();
        var concurrency = Amount("rollout.maxConcurrency", body.MaxConcurrency, v, ref ok, minimum: 1);
        if (concurrency is not null && waves.Count > 0)
        {
            v.Add("rollout.maxConcurrency", "applies only without waves (waves say how many members change at once)");
            ok = false;
        }

        var failures = Amount("rollout.maxFailures", body.MaxFailures, v, ref ok, minimum: 0) ?? new RolloutAmount(0, false);
        var soak = string.IsNullOrWhiteSpace(body.Soak) ? TimeSpan.Zero : v.Duration("rollout.soak", body.Soak, TimeSpan.Zero);
        var deadline = v.Duration("rollout.progressDeadline", body.ProgressDeadline, RolloutPolicy.Default.ProgressDeadline);
        var window = body.Window is null ? null : Window(body.Window, v, ref ok);
        if (!ok || soak is null || deadline is null)
        {
            return null;
        }

        return new RolloutPolicy(strategy, canary, waves!, concurrency, soak.Value, deadline.Value, failures, onFailure, body.StartAt, window);
    }

    private static RolloutWindow? Window(RolloutWindowRequest w, Validation v, ref bool ok)
    {
        var zone = string.IsNullOrWhiteSpace(w.TimeZone) ? "UTC" : w.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var timeZone))
        {
            v.Add("rollout.window.timeZone", $"{Validation.Quote(zone)} is not a known time zone");
            ok = false;
        }

        Quartz.CronExpression? cron = null;
        try
        {
            cron = string.IsNullOrWhiteSpace(w.Cron) ? null : new Quartz.CronExpression(w.Cron, timeZone ?? TimeZoneInfo.Utc);
        }
        catch (FormatException)
        {
        }

        if (cron is null)
        {
            v.Add("rollout.window.cron", $"{Validation.Quote(w.Cron)} is not a cron expression (Quartz syntax, e.g. \"0 0 2 ? * SUN\")");
            ok = false;
        }

        var length = v.RequiredDuration("rollout.window.for", w.For);
        ok &= length is not null;
        return ok ? new RolloutWindow(w.Cron!, zone, length!.Value) : null;
    }

    private static T Parse<T>(string field, string? value, T fallback, Validation v, ref bool ok)
        where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        v.Add(field, $"{Validation.Quote(value)} is not one of {string.Join(", ", Enum.GetNames<T>())}");
        ok = false;
        return fallback;
    }

    private static WaveSelector Wave(string field, WaveRequest? wave, Validation v, ref bool ok)
    {
        var names = wave?.ClusterNames ?? [];
        var labels = wave?.ClusterSelector ?? [];
        if (names.Count == 0 && labels.Count == 0)
        {
            v.Add(field, "selects no member: give clusterNames or clusterSelector");
            ok = false;
        }

        for (var i = 0; i < names.Count; i++)
        {
            ok &= v.Name($"{field}.clusterNames[{i}]", names[i]);
        }

        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 317 || value is null || value.Length > 63)
            {
                v.Add($"{field}.clusterSelector", $"{Validation.Quote(key)}: {Validation.Quote(value)} is not a label selector term");
                ok = false;
            }
        }

        return new WaveSelector([.. names], new Dictionary<string, string>(labels, StringComparer.Ordinal));
    }

    /// <summary>A whole number, or a percentage "25%" (0..100).</summary>
    private static RolloutAmount? Amount(string field, JsonElement? value, Validation v, ref bool ok, int minimum)
    {
        if (value is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = e.ValueKind switch
        {
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!.Trim(),
            _ => null,
        };
        var percent = text?.EndsWith('%') == true;
        var digits = percent ? text![..^1] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum && (!percent || n <= 100) && n <= 10_000)
        {
            return new RolloutAmount(n, percent);
        }

        v.Add(field, $"{Validation.Quote(text ?? e.GetRawText())} is not a whole number ≥ {minimum} or a percentage (e.g. 2 or \"25%\")");
        ok = false;
        return null;
    }
}
