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

    /// <summary>Parses "500ms", "90s", "10m", "2h", "1d" and sums like "1h30m"; also accepts "hh:mm:ss".</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':'))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        if (!DurationPattern().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in DurationPart().Matches(text))
        {
            var amount = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            duration += part.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(ms|s|m|h|d))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d)")]
    private static partial Regex DurationPart();
}
