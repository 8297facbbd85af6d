using System.Globalization;

namespace Federation.Capacity;

/// <summary>CPU and memory as operators read them in messages: Kubernetes notation ("2500m", "4", "8Gi").</summary>
public static class Quantities
{
    private static readonly string[] MemorySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];

    /// <summary>Whole cores as a plain number, anything else in millicores, as a pod spec would say it.</summary>
    public static string Cpu(long milliCpu) => milliCpu % 1000 == 0
        ? (milliCpu / 1000).ToString(CultureInfo.InvariantCulture)
        : milliCpu.ToString(CultureInfo.InvariantCulture) + "m";

    public static string Memory(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < MemorySuffixes.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value >= 100 || unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + MemorySuffixes[unit];
    }
}
