using System.Globalization;
using System.Text.RegularExpressions;

namespace Federation;

/// <summary>
/// The one reading of a duration, for the API and the CLI alike: "500ms", "90s", "10m", "2h", "1d",
/// sums such as "1h30m", or "hh:mm:ss". Only positive durations that fit a <see cref="TimeSpan"/> parse;
/// "0s", "-1m", "99999999999d" and text that is no duration do not.
/// </summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            duration = Parse(text.Trim());
        }
        catch (OverflowException)
        {
            duration = TimeSpan.Zero;
        }

        if (duration <= TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
            return false;
        }

        return true;
    }

    private static TimeSpan Parse(string text)
    {
        if (!Pattern().IsMatch(text))
        {
            return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var clock)
                ? clock
                : TimeSpan.Zero;
        }

        var sum = TimeSpan.Zero;
        foreach (Match part in Part().Matches(text))
        {
            var amount = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            sum += part.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return sum;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(ms|s|m|h|d))+$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d)")]
    private static partial Regex Part();
}
