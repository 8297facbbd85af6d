using System.Diagnostics;
using System.Text.Json.Nodes;
using Federation.Members.Client;
using Federation.Workloads;

namespace Federation.Hosting;

/// <summary>
/// What a single change costs, against what the members themselves cost: one application at a time is
/// scaled up through the API to twice its replicas (one more on each member it is on, when it has one
/// per member: a change writes the members the application is on, never every member of a large fleet),
/// timing the PUT's answer and the moment every member's Deployment holds the new total; beside it, the
/// raw writes the host makes (a scale, and a server-side apply of the whole Deployment) straight to one
/// member through the member client. Taken on a settled fleet, one change at a time.
/// </summary>
internal static class ChangeLatency
{
    public sealed record Figures(int Samples, double PutP50Ms, double WrittenP50Ms, double WrittenP99Ms, double RawScaleP50Ms, double RawApplyP50Ms);

    public static async Task<Figures> MeasureAsync(BenchFleet fleet, IReadOnlyList<string> keys, int replicas, int samples, CancellationToken ct)
    {
        var (put, written, scale, apply) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var sim = fleet.Sims[0];
        using var client = MemberClientFactory.Create(new MemberConnection("raw", null, sim.Url.ToString(), null));
        var scaled = replicas * 2;
        var rawTemplate = WorkloadTemplate.Parse(JsonNode.Parse(BenchFleet.Body("raw", 1))!["template"]!.ToJsonString());
        var rawReplicas = 0;
        foreach (var key in keys.Take(samples))
        {
            var clock = Stopwatch.StartNew();
            await fleet.PutApplicationAsync(key, scaled, ct);
            put.Add(clock.Elapsed.TotalMilliseconds);
            await UntilTotalAsync(fleet, key, scaled, ct);
            written.Add(clock.Elapsed.TotalMilliseconds);

            // The writes the host makes, straight to one member: a server-side apply of a whole Deployment
            // and a scale, each changing the replica count as the host's do (a no-op write costs the member less).
            clock.Restart();
            await client.ApplyDeploymentAsync(new DeploymentApply("bench", "raw", "bench/raw", ++rawReplicas, rawTemplate), ct);
            apply.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await client.ScaleDeploymentAsync("bench", "raw", ++rawReplicas, ct);
            scale.Add(clock.Elapsed.TotalMilliseconds);

            await fleet.PutApplicationAsync(key, replicas, ct);
            await UntilTotalAsync(fleet, key, replicas, ct);
        }

        return new Figures(put.Count, Percentile(put, 0.5), Percentile(written, 0.5), Percentile(written, 0.99), Percentile(scale, 0.5), Percentile(apply, 0.5));
    }

    // The members are in this process: reading their stores is cheap enough to poll every millisecond.
    private static async Task UntilTotalAsync(BenchFleet fleet, string key, int total, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (fleet.Sims.Sum(s => s.SpecReplicas("bench", key)) != total)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"{key}: the members' Deployments did not reach {total} replicas within a minute");
            }

            await Task.Delay(1, ct);
        }
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))], 1);
    }
}
