using System.Globalization;

namespace Federation.Capacity;

/// <summary>
/// Kubernetes resource quantities ("500m", "1", "256Mi", "1Gi", "1e3") as decimal amounts, by the
/// grammar of <c>k8s.io/apimachinery/pkg/api/resource</c>: a signed number, then a binary-SI suffix,
/// a decimal-SI suffix or a decimal exponent. The one parser of the system.
/// </summary>
public static class QuantityParser
{
    /// <summary>
    /// The largest quantity taken (10^15: cores, or bytes, a petabyte). Larger ones are no real
    /// request or node, and in milli-units they would not fit a long ("1e18" cores).
    /// </summary>
    public const decimal Max = 1_000_000_000_000_000m;

    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        ["Ki"] = 1L << 10, ["Mi"] = 1L << 20, ["Gi"] = 1L << 30, ["Ti"] = 1L << 40, ["Pi"] = 1L << 50, ["Ei"] = 1L << 60,
        ["n"] = 0.000000001m, ["u"] = 0.000001m, ["m"] = 0.001m, [""] = 1m,
        ["k"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
    };

    /// <summary>Parses a quantity; false for text that is not one, a negative one, or one above <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var s = text?.Trim() ?? "";
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is '.' || (end == 0 && s[end] is '+' or '-')))
        {
            end++;
        }

        if (!decimal.TryParse(s[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || !Multiplier(s[end..], out var multiplier))
        {
            return false;
        }

        try
        {
            value = number * multiplier;
        }
        catch (OverflowException)
        {
            return false;
        }

        return value is >= 0 and <= Max;
    }

    /// <summary>Cores to milli-cores, rounded up: a request of 0.0005 cores still takes a milli-core.</summary>
    public static long ToMilli(decimal cores) => ToWhole(cores * 1000m);

    /// <summary>Rounded up; a sum beyond a long (many containers at <see cref="Max"/>) stays at long.MaxValue.</summary>
    public static long ToWhole(decimal amount) => (long)Math.Min(Math.Ceiling(amount), long.MaxValue);

    private static bool Multiplier(string suffix, out decimal multiplier)
    {
        if (Suffixes.TryGetValue(suffix, out multiplier))
        {
            return true;
        }

        // A decimal exponent: e or E followed by a signed integer ("1e3"); bounded so the power stays a decimal.
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) && exponent is >= -20 and <= 20)
        {
            multiplier = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                multiplier = exponent > 0 ? multiplier * 10m : multiplier / 10m;
            }

            return true;
        }

        return false;
    }
}
