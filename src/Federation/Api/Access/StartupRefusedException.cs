namespace Federation.Api.Access;

/// <summary>The host's settings are unsafe or unusable; the message says which and what to do.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
