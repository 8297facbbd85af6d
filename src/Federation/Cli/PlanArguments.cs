using System.Globalization;
using System.Text.RegularExpressions;
using Federation.Api;

namespace Federation.Cli;

/// <summary>
/// The hypothetical members and scalings of <c>plan</c>:
/// <c>--add name=x,nodes=3,cpu=8,memory=32Gi,labels=region:eu;zone:a</c> and <c>--scale ns/name=12</c>.
/// </summary>
internal static partial class PlanArguments
{
    private static readonly string[] AddKeys = ["name", "nodes", "cpu", "memory", "labels"];

    public static PlanMemberRequest ParseAdd(string spec)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = part.IndexOf('=');
            if (cut <= 0)
            {
                throw new CliInputException($"--add '{spec}': '{part}' is not KEY=VALUE (keys: {string.Join(", ", AddKeys)})");
            }

            var key = part[..cut].Trim().ToLowerInvariant();
            if (!AddKeys.Contains(key))
            {
                throw new CliInputException($"--add '{spec}': unknown key '{key}' (keys: {string.Join(", ", AddKeys)})");
            }

            if (!fields.TryAdd(key, part[(cut + 1)..].Trim()))
            {
                throw new CliInputException($"--add '{spec}': '{key}' given twice");
            }
        }

        if (!fields.TryGetValue("name", out var name) || name.Length == 0)
        {
            throw new CliInputException($"--add '{spec}': name is required, e.g. name=north,nodes=3,cpu=8,memory=32Gi");
        }

        int? nodes = null;
        if (fields.TryGetValue("nodes", out var nodesText))
        {
            nodes = int.TryParse(nodesText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new CliInputException($"--add '{spec}': nodes '{nodesText}' is not a positive whole number");
        }

        var cpu = fields.GetValueOrDefault("cpu");
        if (cpu is not null && !CpuQuantity().IsMatch(cpu))
        {
            throw new CliInputException($"--add '{spec}': cpu '{cpu}' is not a CPU quantity like 8, 7.5 or 500m");
        }

        var memory = fields.GetValueOrDefault("memory");
        if (memory is not null && !MemoryQuantity().IsMatch(memory))
        {
            throw new CliInputException($"--add '{spec}': memory '{memory}' is not a quantity like 32Gi, 512Mi or 64G");
        }

        return new PlanMemberRequest(name, Labels(spec, fields.GetValueOrDefault("labels")), nodes, cpu, memory);
    }

    public static PlanScaleRequest ParseScale(string spec)
    {
        var cut = spec.LastIndexOf('=');
        if (cut <= 0)
        {
            throw new CliInputException($"--scale '{spec}': expected NAMESPACE/NAME=REPLICAS, e.g. default/web=12");
        }

        var (ns, name) = ApplicationName.Split(spec[..cut].Trim());
        var replicasText = spec[(cut + 1)..].Trim();
        return int.TryParse(replicasText, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas)
            ? new PlanScaleRequest($"{ns}/{name}", replicas)
            : throw new CliInputException($"--scale '{spec}': '{replicasText}' is not a replica count");
    }

    /// <summary>"region:eu;zone:a" (or with '=') to labels.</summary>
    private static Dictionary<string, string>? Labels(string spec, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = pair.IndexOfAny([':', '=']);
            if (cut <= 0)
            {
                throw new CliInputException($"--add '{spec}': label '{pair}' is not KEY:VALUE");
            }

            labels[pair[..cut].Trim()] = pair[(cut + 1)..].Trim();
        }

        return labels;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?|\d+m)$")]
    private static partial Regex CpuQuantity();

    [GeneratedRegex(@"^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P)?$")]
    private static partial Regex MemoryQuantity();
}
