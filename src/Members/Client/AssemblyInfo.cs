using System.Runtime.CompilerServices;

// The pure helpers (capacity arithmetic, back-off, error classification) are tested directly.
[assembly: InternalsVisibleTo("Members.Tests")]
