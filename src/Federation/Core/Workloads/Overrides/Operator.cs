namespace Federation.Workloads.Overrides;

/// <summary>An overrider's operator, checked against the ones it takes.</summary>
internal static class Operator
{
    public static string Of(string? value, string path, params string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOverrideException(path, $"{(value is null ? "is missing" : $"'{value}' is not an operator")}; expected one of {string.Join(", ", allowed)}");
}
