using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson.Exceptions;

namespace Federation.Workloads.Overrides;

/// <summary>RFC 6902 JSON patches, the general form of an override, applied by the JsonPatch library.</summary>
internal static class JsonPatches
{
    public static JsonObject Apply(JsonObject manifest, JsonArray patch, string path)
    {
        JsonPatchDocument document;
        try
        {
            document = JsonSerializer.Deserialize<JsonPatchDocument>(patch.ToJsonString())
                ?? throw new InvalidOverrideException(path, "is empty");
        }
        catch (Exception e) when (e is JsonException or JsonPatchException)
        {
            throw new InvalidOverrideException(path, $"is not an RFC 6902 JSON patch ({e.Message})");
        }

        JsonPatchError? failed = null;
        try
        {
            document.ApplyTo(manifest, error => failed ??= error);
        }
        catch (Exception e) when (e is JsonPatchException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOverrideException(path, $"does not apply ({e.Message})");
        }

        if (failed is { } f)
        {
            var index = f.Operation is null ? -1 : document.Operations.IndexOf(f.Operation);
            throw new InvalidOverrideException(index < 0 ? path : $"{path}[{index}]", $"does not apply ({f.ErrorMessage})");
        }

        return manifest;
    }
}
