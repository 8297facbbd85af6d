namespace Federation.Cli;

/// <summary>A decoded answer and the JSON it came from (printed as is by <c>-o json</c>).</summary>
internal sealed record ApiResponse<T>(T Value, string Json);
