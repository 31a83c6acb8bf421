using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackCare.Clinical.Contract;
using BackCare.Interop.Fhir;

namespace BackCare.Interop.CdsHooks;

/// <summary>
/// A CDS Hooks 2.0 request for the <c>patient-view</c> hook. <see cref="Prefetch"/> holds what the
/// client sent under each prefetch key (a resource, usually a Bundle, or null when the client could not
/// fetch it).
/// </summary>
public sealed record CdsHookRequest(
    string Hook,
    string HookInstance,
    Uri? FhirServer,
    string UserId,
    string PatientId,
    string? EncounterId,
    IReadOnlyDictionary<string, JsonObject?> Prefetch)
{
    public JsonObject? PrefetchOf(string key) => Prefetch.TryGetValue(key, out var resource) ? resource : null;
}

/// <summary>A request read from JSON, or every reason it could not be, each naming its field.</summary>
public sealed record CdsHookRequestReadResult(CdsHookRequest? Request, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Request is not null;

    public string ErrorText => string.Join("; ", Errors);
}

public static partial class CdsHookRequestReader
{
    public const string PatientViewHook = "patient-view";

    public static CdsHookRequestReadResult Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            return Fail(new FieldError("$", $"not valid JSON ({exception.Message.Split(". ")[0]})"));
        }

        return root is JsonObject body ? Read(body) : Fail(new FieldError("$", "a hook request must be a JSON object"));
    }

    public static CdsHookRequestReadResult Read(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<FieldError>();

        var hook = RequiredString(body, "hook", "hook", errors);
        if (hook is not null && hook != PatientViewHook)
        {
            errors.Add(new FieldError("hook", $"this service answers only the {PatientViewHook} hook (got \"{hook}\")"));
        }

        var hookInstance = RequiredString(body, "hookInstance", "hookInstance", errors);

        Uri? fhirServer = null;
        if (body["fhirServer"] is not null)
        {
            var text = FhirJson.StringAt(body, "fhirServer");
            if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out fhirServer))
            {
                errors.Add(new FieldError("fhirServer", "must be an absolute URL"));
            }
        }

        if (body["fhirAuthorization"] is not null)
        {
            if (body["fhirAuthorization"] is not JsonObject)
            {
                errors.Add(new FieldError("fhirAuthorization", "must be an object"));
            }
            else if (body["fhirServer"] is null)
            {
                errors.Add(new FieldError("fhirAuthorization", "is only allowed together with fhirServer"));
            }
        }

        string? userId = null, patientId = null, encounterId = null;
        if (body["context"] is JsonObject context)
        {
            userId = RequiredString(context, "userId", "context.userId", errors);
            if (userId is not null && !UserReference().IsMatch(userId))
            {
                errors.Add(new FieldError("context.userId",
                    $"must be a reference such as Practitioner/123 (Practitioner, PractitionerRole, Patient or RelatedPerson; got \"{userId}\")"));
            }

            patientId = RequiredString(context, "patientId", "context.patientId", errors);
            if (patientId is not null && !FhirJson.IsValidId(patientId))
            {
                errors.Add(new FieldError("context.patientId", $"must be a FHIR id, 1 to 64 letters, digits, '-' or '.' (got \"{patientId}\")"));
            }

            if (context["encounterId"] is not null)
            {
                encounterId = FhirJson.StringAt(context, "encounterId");
                if (encounterId is null)
                {
                    errors.Add(new FieldError("context.encounterId", "must be a string"));
                }
            }
        }
        else
        {
            errors.Add(new FieldError("context", body["context"] is null ? "is required" : "must be an object"));
        }

        var prefetch = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        if (body["prefetch"] is JsonObject prefetchObject)
        {
            foreach (var (key, value) in prefetchObject)
            {
                if (value is null)
                {
                    prefetch[key] = null;
                }
                else if (value is JsonObject resource && FhirJson.StringAt(resource, "resourceType") is not null)
                {
                    prefetch[key] = resource;
                }
                else
                {
                    errors.Add(new FieldError($"prefetch.{key}", "must be a FHIR resource (with a resourceType) or null"));
                }
            }
        }
        else if (body["prefetch"] is not null)
        {
            errors.Add(new FieldError("prefetch", "must be an object of prefetch keys"));
        }

        return errors.Count > 0
            ? new CdsHookRequestReadResult(null, errors)
            : new CdsHookRequestReadResult(
                new CdsHookRequest(hook!, hookInstance!, fhirServer, userId!, patientId!, encounterId, prefetch), errors);
    }

    private static string? RequiredString(JsonObject parent, string name, string field, List<FieldError> errors)
    {
        var node = parent[name];
        if (node is null)
        {
            errors.Add(new FieldError(field, "is required"));
            return null;
        }

        var text = FhirJson.StringAt(parent, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, "must be a non-empty string"));
            return null;
        }

        return text;
    }

    private static CdsHookRequestReadResult Fail(FieldError error) => new(null, [error]);

    [GeneratedRegex(@"^(Practitioner|PractitionerRole|Patient|RelatedPerson)/[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex UserReference();
}
