namespace Federation.Members.Simulation;

/// <summary>How the Kubernetes API of a simulated member fails while it is dark.</summary>
public enum OutageMode
{
    /// <summary>Connections are dropped without a response.</summary>
    Refuse,

    /// <summary>Every request gets a 503 Status.</summary>
    Error,

    /// <summary>Requests never complete until recovery or until the client gives up.</summary>
    Hang,
}
