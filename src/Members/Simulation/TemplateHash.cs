using System.Text;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>The <c>pod-template-hash</c> label and the random pod-name suffix, in Kubernetes' alphabet.</summary>
internal static class TemplateHash
{
    // Kubernetes avoids vowels and look-alike characters so that names never spell words.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(V1PodTemplateSpec template)
    {
        var json = KubeJson.ToUtf8(template);
        var hash = 14695981039346656037UL;
        foreach (var b in json)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Encode(hash, 10);
    }

    public static string RandomSuffix() => Encode((ulong)Random.Shared.NextInt64(), 5);

    private static string Encode(ulong value, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Alphabet[(int)(value % (ulong)Alphabet.Length)]);
            value /= (ulong)Alphabet.Length;
        }

        return sb.ToString();
    }
}
