using System.Globalization;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>maxSurge (rounded up) and maxUnavailable (rounded down) resolved against the replica count.</summary>
internal static class RolloutLimits
{
    public static (int MaxSurge, int MaxUnavailable) Resolve(V1Deployment d, int desired)
    {
        if (d.Spec.Strategy?.Type == "Recreate")
        {
            return (0, desired);
        }

        var rolling = d.Spec.Strategy?.RollingUpdate;
        var surge = Scaled(rolling?.MaxSurge?.Value ?? "25%", desired, roundUp: true);
        var unavailable = Scaled(rolling?.MaxUnavailable?.Value ?? "25%", desired, roundUp: false);

        // As in Kubernetes: both zero would deadlock a rollout, so one pod may be unavailable.
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, Math.Min(unavailable, desired));
    }

    public static bool IsValid(string? value) =>
        value is null || TryParse(value, out _, out _);

    private static int Scaled(string value, int total, bool roundUp)
    {
        if (!TryParse(value, out var number, out var percent))
        {
            return 0;
        }

        if (!percent)
        {
            return number;
        }

        var exact = number * (double)total / 100;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }

    private static bool TryParse(string value, out int number, out bool percent)
    {
        percent = value.EndsWith('%');
        var digits = percent ? value[..^1] : value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
