using System.Globalization;
using System.Text.RegularExpressions;

namespace Federation.Cli;

/// <summary>How quantities read on a terminal, and durations as operators type them ("90s", "10m", "1h30m").</summary>
internal static partial class Units
{
    public static string Cpu(long milliCpu) => milliCpu % 1000 == 0
        ? (milliCpu / 1000).ToString(CultureInfo.InvariantCulture)
        : (milliCpu / 1000.0).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Memory(long bytes) => Capacity.Quantities.Memory(bytes);

    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? $"{Math.Max(0, (int)span.TotalSeconds)}s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{(int)span.TotalHours}h{span.Minutes:00}m";
}
