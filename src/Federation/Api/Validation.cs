using System.Globalization;
using System.Text.RegularExpressions;

namespace Federation.Api;

/// <summary>Collects what is wrong with a request, field by field, for one problem-details answer.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Ok => _errors.Count == 0;

    /// <summary>Each field found wrong and what is wrong with it.</summary>
    internal IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The longest duration any field takes, and how far ahead any time may be: a year.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>How much of a caller's value a message repeats.</summary>
    public const int EchoLength = 64;

    public IResult Problem(string title = "The request is invalid.", int statusCode = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: title, statusCode: statusCode);

    /// <summary>A caller's value, quoted and cut short: a message never repeats a long input whole.</summary>
    public static string Quote(string? value) => $"'{Truncate(value ?? "", EchoLength)}'";

    public static string Truncate(string value, int length) => value.Length <= length ? value : value[..length] + "…";

    /// <summary>A time that must be in the future and within the horizon.</summary>
    public void Future(string field, DateTimeOffset value, DateTimeOffset now)
    {
        if (value <= now)
        {
            Add(field, $"{value:O} is in the past");
        }
        else if (value - now > Horizon)
        {
            Add(field, $"{value:O} is more than {Horizon.TotalDays:0} days ahead");
        }
    }

    /// <summary>A Kubernetes object name: a DNS-1123 label (lower-case alphanumerics and '-', 63 at most).</summary>
    public bool Name(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return false;
        }

        if (value.Length > 63 || !Dns1123().IsMatch(value))
        {
            Add(field, $"{Quote(value)} is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
            return false;
        }

        return true;
    }

    /// <summary>Parses "30s", "2m", "1h30m", "500ms" or "00:01:00"; adds an error and returns null when it cannot.</summary>
    public TimeSpan? Duration(string field, string? value, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (Durations.TryParse(value, out var d) && d <= Horizon)
        {
            return d;
        }

        Add(field, $"{Quote(value)} is not a positive duration of at most {Horizon.TotalDays:0}d (e.g. 30s, 2m, 1h30m)");
        return null;
    }

    /// <summary>A duration that must be given (a blank one would be a window of no length).</summary>
    public TimeSpan? RequiredDuration(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required: a positive duration (e.g. 2h)");
            return null;
        }

        return Duration(field, value, TimeSpan.Zero);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();
}
