namespace Federation.Cli;

/// <summary>The server could not be reached, or did not answer in time.</summary>
internal sealed class FederationUnavailableException(string message, Exception? inner = null)
    : Exception(message, inner);
