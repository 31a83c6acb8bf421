using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Interop.Fhir;
using BackCare.Web.Accounts;
using BackCare.Web.Hosting;

namespace BackCare.Web.Fhir;

/// <summary>
/// FHIR R4 (JSON, read-only) at <c>/fhir</c>: the capability statement, and Patient, Observation (pain scores),
/// QuestionnaireResponse (an assessment's answers), CarePlan (its plan) and Appointment, each read by id or
/// searched by patient, and Patient/{id}/$everything. The person themselves and the clinicians of their clinics may read
/// a record (see <see cref="PatientAccess"/>); anyone else's is not found. Every read is in the audit log, with the
/// reader as actor.
/// </summary>
internal static class FhirApi
{
    private static readonly string[] FormatsServed = ["json", "application/json", "application/fhir+json"];

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR").DisableAntiforgery().CarriesPersonalData();
        fhir.MapGet("/metadata", Metadata).WithName("FhirCapabilityStatement").WithSummary("What this FHIR server supports");

        var records = fhir.MapGroup("").AddEndpointFilter(RequireSignedIn);
        records.MapGet("/Patient/{id}/$everything", Everything).WithName("FhirPatientEverything")
            .WithSummary("The patient and every resource about them, as one searchset Bundle");
        records.MapGet("/{type}/{id}", Read).WithName("FhirRead").WithSummary("Read one resource by id");
        records.MapGet("/{type}", Search).WithName("FhirSearch").WithSummary("Search one resource type, by patient");
        fhir.Map("/{**path}", Unsupported).ExcludeFromDescription();
        return app;
    }

    public static IResult Metadata(FhirMapper mapper, TimeProvider clock)
    {
        var version = typeof(FhirApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new FhirResult(mapper.CapabilityStatement(version.Split('+')[0], ReleaseDate(clock)));
    }

    public static async Task<IResult> Read(
        string type, string id, HttpContext context, FhirRecords records, PatientAccess access, FhirMapper mapper, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (FormatProblem(context.Request) is { } format)
        {
            return format;
        }

        if (!FhirMapper.ResourceTypes.Contains(type))
        {
            return UnknownType(type);
        }

        var owner = FhirJson.IsValidId(id) ? await records.OwnerOfAsync(type, id, cancellationToken) : null;
        if (owner is not { } patientId || await access.ScopeAsync(context.User, patientId, cancellationToken) is not { } scope)
        {
            return NotFound($"{type}/{id}");
        }

        // The Patient resource needs none of the rest of the person's file, so a read of it loads none.
        IEnumerable<JsonObject> resources = type == "Patient"
            ? await records.PatientAsync(patientId, cancellationToken) is { } patient ? [mapper.Patient(patient)] : []
            : await records.LoadAsync(patientId, scope, cancellationToken) is { } file ? ResourcesOf(type, file, mapper) : [];
        var resource = resources.FirstOrDefault(r => FhirJson.StringAt(r, "id") == id);
        if (resource is null)
        {
            return NotFound($"{type}/{id}");
        }

        await audit.RecordReadAsync(patientId, AuditType(type), id, cancellationToken);
        return new FhirResult(resource);
    }

    public static async Task<IResult> Search(
        string type, HttpContext context, FhirRecords records, PatientAccess access, FhirMapper mapper, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (FormatProblem(context.Request) is { } format)
        {
            return format;
        }

        if (!FhirMapper.ResourceTypes.Contains(type))
        {
            return UnknownType(type);
        }

        var parsed = SearchQuery.Parse(type, context.Request);
        if (parsed.Problem is { } problem)
        {
            return Outcome(StatusCodes.Status400BadRequest, "invalid", problem);
        }

        var query = parsed.Query!;
        IReadOnlyList<(Guid Id, RecordScope Scope)> patients;
        if (query.Patient is { } patientReference)
        {
            if (!Guid.TryParse(patientReference, out var patientId)
                || await access.ScopeAsync(context.User, patientId, cancellationToken) is not { } scope)
            {
                return NotFound($"Patient/{patientReference}");
            }

            patients = [(patientId, scope)];
        }
        else
        {
            patients = [.. (await access.ReadablePatientsAsync(context.User, cancellationToken)).Select(p => (p, RecordScope.Own))];
        }

        var found = new List<JsonObject>();
        var read = new List<(Guid, string, string?)>();
        foreach (var (patientId, scope) in patients)
        {
            if (await records.LoadAsync(patientId, scope, cancellationToken) is { } file)
            {
                var matches = ResourcesOf(type, file, mapper).Where(query.Matches).ToList();
                found.AddRange(matches);
                if (matches.Count > 0 || query.Patient is not null)
                {
                    read.Add((patientId, AuditType(type), null));
                }
            }
        }

        await audit.RecordReadsAsync(read, cancellationToken);
        return new FhirResult(mapper.SearchSet(found, $"{mapper.BaseUrl}/{type}{query.SelfQuery}"));
    }

    public static async Task<IResult> Everything(
        string id, HttpContext context, FhirRecords records, PatientAccess access, FhirMapper mapper, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (FormatProblem(context.Request) is { } format)
        {
            return format;
        }

        if (context.Request.Query.Keys.FirstOrDefault(k => k != "_format") is { } parameter && !SearchQuery.IsLenient(context.Request))
        {
            return Outcome(StatusCodes.Status400BadRequest, "not-supported", $"$everything takes no parameters here (got '{parameter}').");
        }

        if (!Guid.TryParse(id, out var patientId)
            || await access.ScopeAsync(context.User, patientId, cancellationToken) is not { } scope
            || await records.LoadAsync(patientId, scope, cancellationToken) is not { } file)
        {
            return NotFound($"Patient/{id}");
        }

        await audit.RecordReadAsync(patientId, AuditType("Patient") + ".$everything", id, cancellationToken);
        return new FhirResult(mapper.Everything(file.Patient, file.Pains, file.Assessments, file.Appointments));
    }

    public static IResult Unsupported(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? Outcome(StatusCodes.Status404NotFound, "not-supported",
                $"BackCare's FHIR API has no '{request.Path}'. GET /fhir/metadata lists what it serves.")
            : Outcome(StatusCodes.Status405MethodNotAllowed, "not-supported", "BackCare's FHIR API is read-only: only GET is served.");

    /// <summary>Answers 401 as an OperationOutcome, before any record is looked at.</summary>
    private static async ValueTask<object?> RequireSignedIn(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (AccountClaims.AccountIdOf(invocation.HttpContext.User) is null)
        {
            invocation.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Outcome(StatusCodes.Status401Unauthorized, "login", "Sign in first: send the bearer token from POST /api/account/login.");
        }

        return await next(invocation);
    }

    private static IEnumerable<JsonObject> ResourcesOf(string type, PatientFile file, FhirMapper mapper) => type switch
    {
        "Patient" => [mapper.Patient(file.Patient)],
        "Observation" => file.Pains.Select(mapper.PainObservation),
        "QuestionnaireResponse" => file.Assessments.Select(mapper.QuestionnaireResponse),
        "CarePlan" => file.Assessments.Select(mapper.CarePlan),
        "Appointment" => file.Appointments.Select(mapper.Appointment),
        _ => [],
    };

    /// <summary>Only JSON is served; <c>_format</c> asking for anything else is refused as FHIR says (406).</summary>
    private static FhirResult? FormatProblem(HttpRequest request) =>
        request.Query.TryGetValue("_format", out var format) && !FormatsServed.Contains(format.ToString().Split(';')[0].Trim())
            ? Outcome(StatusCodes.Status406NotAcceptable, "not-supported", $"Only JSON is served (_format=json), not '{format}'.")
            : null;

    private static FhirResult UnknownType(string type) =>
        Outcome(StatusCodes.Status404NotFound, "not-supported",
            $"BackCare serves {string.Join(", ", FhirMapper.ResourceTypes)}; not '{type}'.");

    private static FhirResult NotFound(string reference) =>
        Outcome(StatusCodes.Status404NotFound, "not-found", $"{reference} is not known.");

    private static FhirResult Outcome(int status, string code, string diagnostics) =>
        new(FhirMapper.OperationOutcome(code, diagnostics), status);

    /// <summary>How the audit log names a FHIR read: <c>Fhir.Observation</c>.</summary>
    private static string AuditType(string type) => "Fhir." + type;

    private static DateTimeOffset ReleaseDate(TimeProvider clock)
    {
        // The statement changes only with the software, so its date is when this build was made.
        var location = typeof(FhirApi).Assembly.Location;
        return string.IsNullOrEmpty(location) ? clock.GetUtcNow() : new DateTimeOffset(File.GetLastWriteTimeUtc(location), TimeSpan.Zero);
    }
}

/// <summary>The parameters of one search, checked: a parameter BackCare does not support is refused, unless the client asks for lenient handling.</summary>
internal sealed record SearchQuery(string? Patient, IReadOnlyList<string>? Ids, IReadOnlyList<(string? System, string Code)>? Codes, string SelfQuery)
{
    public static bool IsLenient(HttpRequest request) =>
        request.Headers["Prefer"].Any(p => p is not null && p.Replace(" ", "", StringComparison.Ordinal).Contains("handling=lenient", StringComparison.OrdinalIgnoreCase));

    public static (SearchQuery? Query, string? Problem) Parse(string type, HttpRequest request)
    {
        string[] supported = type switch
        {
            "Patient" => ["_id"],
            "Observation" => ["patient", "_id", "code"],
            _ => ["patient", "_id"],
        };
        var lenient = IsLenient(request);
        var self = new StringBuilder();
        string? patient = null;
        List<string>? ids = null;
        List<(string?, string)>? codes = null;
        foreach (var (name, values) in request.Query)
        {
            if (name == "_format")
            {
                continue;
            }

            if (!supported.Contains(name))
            {
                if (lenient)
                {
                    continue;
                }

                return (null, $"The search parameter '{name}' is not supported on {type}; supported: {string.Join(", ", supported)}.");
            }

            if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
            {
                return (null, $"Give '{name}' once, with a value.");
            }

            var value = values[0]!;
            switch (name)
            {
                case "patient":
                    patient = PatientId(value);
                    if (patient is null)
                    {
                        return (null, $"patient must be a Patient id or a reference such as Patient/123 (got '{value}').");
                    }

                    break;
                case "_id":
                    ids = [.. value.Split(',', StringSplitOptions.TrimEntries)];
                    break;
                case "code":
                    codes = [.. value.Split(',', StringSplitOptions.TrimEntries).Select(Token)];
                    break;
            }

            self.Append(self.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return (new SearchQuery(patient, ids, codes, self.ToString()), null);
    }

    public bool Matches(JsonObject resource) =>
        (Ids is null || Ids.Contains(FhirJson.StringAt(resource, "id")))
        && (Codes is null || Codes.Any(c => HasCoding(resource, c.System, c.Code)));

    private static bool HasCoding(JsonObject resource, string? system, string code) =>
        resource["code"]?["coding"] is JsonArray codings
        && codings.OfType<JsonObject>().Any(c =>
            FhirJson.StringAt(c, "code") == code && (system is null || FhirJson.StringAt(c, "system") == system));

    /// <summary>A token: <c>system|code</c>, <c>|code</c> (no system) or <c>code</c> (any system).</summary>
    private static (string? System, string Code) Token(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, value) : (value[..bar], value[(bar + 1)..]);
    }

    /// <summary><c>123</c>, <c>Patient/123</c> or an absolute URL ending in <c>/Patient/123</c>; null when it is none of those.</summary>
    private static string? PatientId(string value)
    {
        var id = value;
        var slash = value.LastIndexOf("Patient/", StringComparison.Ordinal);
        if (slash >= 0 && (slash == 0 || value[slash - 1] == '/'))
        {
            id = value[(slash + "Patient/".Length)..];
        }

        return FhirJson.IsValidId(id) ? id : null;
    }
}

/// <summary>A FHIR resource as the answer, with FHIR's JSON media type.</summary>
internal sealed class FhirResult(JsonObject resource, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public JsonObject Resource => resource;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        await httpContext.Response.WriteAsync(resource.ToJsonString(), httpContext.RequestAborted);
    }
}
