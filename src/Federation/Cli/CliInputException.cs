namespace Federation.Cli;

/// <summary>Input rejected before anything was sent to the server (a bad file, a malformed flag).</summary>
internal sealed class CliInputException(string message) : Exception(message);
