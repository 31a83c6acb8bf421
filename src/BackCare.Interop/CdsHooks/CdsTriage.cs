using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Triage;
using BackCare.Interop.Fhir;

namespace BackCare.Interop.CdsHooks;

/// <summary>
/// How the service links out. <paramref name="BookingUrlTemplate"/> is an absolute URL in which
/// <c>{patientId}</c> is replaced by the patient's id and <c>{disposition}</c>, when present, by the
/// card's disposition code (<c>emergency</c>, <c>urgent</c>, <c>routine</c> or <c>self_care</c>), for example
/// <c>https://clinic.example/book?disposition={disposition}&amp;patient={patientId}</c>.
/// </summary>
public sealed record CdsOptions(string BookingUrlTemplate, Uri? SourceUrl = null);

/// <summary>
/// Answers a patient-view hook with one card from the person's newest BackCare assessment in the
/// prefetch: it rebuilds the case from the QuestionnaireResponse, lets a newer pain score replace the
/// one in it, runs the engine again (so the card follows today's rules) and says how urgent it is.
/// Nothing here does I/O; the hook's answer takes well under a millisecond.
/// </summary>
public sealed class CdsTriage
{
    // When the age is unknown the case is checked at ages on each side of every age limit of the rules,
    // and the most urgent answer is kept: when in doubt the more urgent disposition wins.
    private static readonly int[] AgesToTry = [10, 17, 18, 25, 26, 44, 45, 50, 51, 69, 70, 90];

    private readonly CdsOptions _options;
    private readonly TimeProvider _clock;

    public CdsTriage(CdsOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.BookingUrlTemplate.Contains("{patientId}", StringComparison.Ordinal)
            || !Uri.TryCreate(
                options.BookingUrlTemplate.Replace("{patientId}", "x", StringComparison.Ordinal).Replace("{disposition}", "x", StringComparison.Ordinal),
                UriKind.Absolute,
                out var booking)
            || booking.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("The booking URL template must be an absolute http(s) URL containing {patientId}.", nameof(options));
        }

        _options = options;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// The hook's answer: one card from the newest BackCare assessment, or no card at all when the prefetch
    /// holds none. CDS Hooks answers "no decision support" with an empty list of cards, and patient-view
    /// fires on every chart opened, so a card saying "nothing here" would only teach people to skip the cards.
    /// </summary>
    public JsonObject Answer(CdsHookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new JsonObject { ["cards"] = Card(request) is { } card ? FhirJson.Array(card) : new JsonArray() };
    }

    private JsonObject? Card(CdsHookRequest request)
    {
        var patientId = request.PatientId;
        var newest = Resources(request.PrefetchOf(CdsDiscovery.QuestionnaireResponsesPrefetchKey), "QuestionnaireResponse")
            .Where(qr => IsBackCareAssessment(qr) && IsAbout(qr, patientId) && FhirJson.StringAt(qr, "status") is "completed" or "amended")
            .OrderByDescending(qr => When(FhirJson.StringAt(qr, "authored")) ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
        if (newest is null)
        {
            return null;
        }

        var authored = When(FhirJson.StringAt(newest, "authored"));
        var answers = QuestionnaireResponseReader.Read(newest);
        var findings = answers.Findings;

        var pain = NewestPainScore(request.PrefetchOf(CdsDiscovery.ObservationsPrefetchKey), patientId);
        var painUpdated = pain is { } p && (authored is null || p.At > authored.Value);
        if (painUpdated)
        {
            findings.PainScore = pain!.Value.Score;
        }

        var age = answers.Age ?? AgeFromPatient(request.PrefetchOf(CdsDiscovery.PatientPrefetchKey));
        var result = age is { } knownAge
            ? Assessor.Assess(knownAge, findings)
            : AgesToTry.Select(a => Assessor.Assess(a, findings)).MaxBy(r => r.Disposition)!;

        var indicator = result.Disposition switch
        {
            Disposition.Emergency => "critical",
            Disposition.Urgent => "warning",
            _ => answers.Errors.Count > 0 ? "warning" : "info",
        };

        var detail = new StringBuilder();
        detail.AppendLine(InteropText.Format("cds.detail_heading", authored is { } at ? Display(at) : "an unknown date")).AppendLine();
        detail.AppendLine(InteropText.Format("cds.detail_disposition", InteropText.Get("dispositions." + result.Disposition.WireName()))).AppendLine();
        if (result.RedFlags.Count > 0)
        {
            detail.AppendLine(InteropText.Format("cds.detail_red_flags", string.Join(", ", MostUrgentFirst(result).Select(Label)))).AppendLine();
        }

        detail.AppendLine(InteropText.Get("cds.detail_reasons"));
        foreach (var reason in result.Reasons)
        {
            detail.AppendLine(CultureInfo.InvariantCulture, $"- {reason.Text} (source: {reason.Source})");
        }

        detail.AppendLine();
        if (painUpdated)
        {
            detail.AppendLine(InteropText.Format("cds.detail_pain_update", pain!.Value.Score, Display(pain.Value.At))).AppendLine();
        }

        if (answers.Errors.Count > 0)
        {
            detail.AppendLine(InteropText.Format("cds.detail_unreadable", string.Join("; ", answers.Errors))).AppendLine();
        }

        if (age is null)
        {
            detail.AppendLine(InteropText.Get("cds.detail_age_missing")).AppendLine();
        }

        detail.Append(InteropText.Get("cds.detail_disclaimer"));

        var summary = Summary(result);
        var bookingLabel = result.Disposition == Disposition.Emergency ? "cds.link_book_after_emergency" : "cds.link_book";
        return NewCard(summary, detail.ToString(), indicator, patientId, result.Disposition, bookingLabel);
    }

    private JsonObject NewCard(string summary, string detail, string indicator, string patientId, Disposition disposition, string bookingLabel)
    {
        var source = new JsonObject { ["label"] = "BackCare" };
        if (_options.SourceUrl is { } url)
        {
            source["url"] = url.AbsoluteUri;
        }

        var booking = _options.BookingUrlTemplate
            .Replace("{patientId}", Uri.EscapeDataString(patientId), StringComparison.Ordinal)
            .Replace("{disposition}", disposition.WireName(), StringComparison.Ordinal);
        return new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["summary"] = summary,
            ["detail"] = detail,
            ["indicator"] = indicator,
            ["source"] = source,
            ["links"] = FhirJson.Array(new JsonObject
            {
                ["label"] = InteropText.Get(bookingLabel),
                ["url"] = booking,
                ["type"] = "absolute",
            }),
        };
    }

    /// <summary>The card's one-line summary; CDS Hooks asks for fewer than 140 characters.</summary>
    internal static string Summary(AssessmentResult result)
    {
        var key = "cds.summary_" + result.Disposition.WireName();
        var labels = MostUrgentFirst(result).Select(Label).ToList();
        for (var shown = labels.Count; shown >= 1; shown--)
        {
            var list = string.Join(", ", labels.Take(shown)) + (shown < labels.Count ? $" +{labels.Count - shown} more" : "");
            var text = InteropText.Format(key, list);
            if (text.Length < 140)
            {
                return text;
            }
        }

        var fallback = InteropText.Format(key, $"{labels.Count} red flags");
        return fallback.Length < 140 ? fallback : fallback[..138] + "…";
    }

    /// <summary>The red flags in the order of the rules that named them, most urgent rule first.</summary>
    internal static IReadOnlyList<FindingCode> MostUrgentFirst(AssessmentResult result)
    {
        var ordered = new List<FindingCode>(result.RedFlags.Count);
        foreach (var rule in result.Reasons.Select(r => TriageRules.All.FirstOrDefault(t => t.Id == r.Rule)).OfType<TriageRule>()
                     .OrderByDescending(t => t.Disposition))
        {
            ordered.AddRange(rule.Flags.Where(f => result.RedFlags.Contains(f) && !ordered.Contains(f)));
        }

        ordered.AddRange(result.RedFlags.Where(f => !ordered.Contains(f)));
        return ordered;
    }

    private static string Label(FindingCode code) => FindingCatalog.Get(code).Label;

    private static string Display(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? When(string? text) => FhirJson.TryParseDateTime(text, out var at) ? at : null;

    /// <summary>The resources of one type in a prefetch value: a Bundle's entries, or the resource itself.</summary>
    private static IEnumerable<JsonObject> Resources(JsonObject? prefetched, string resourceType)
    {
        if (prefetched is null)
        {
            yield break;
        }

        if (FhirJson.StringAt(prefetched, "resourceType") == resourceType)
        {
            yield return prefetched;
            yield break;
        }

        if (FhirJson.StringAt(prefetched, "resourceType") == "Bundle" && prefetched["entry"] is JsonArray entries)
        {
            foreach (var entry in entries)
            {
                if (entry?["resource"] is JsonObject resource && FhirJson.StringAt(resource, "resourceType") == resourceType)
                {
                    yield return resource;
                }
            }
        }
    }

    private static bool IsBackCareAssessment(JsonObject questionnaireResponse)
    {
        var canonical = FhirJson.StringAt(questionnaireResponse, "questionnaire");
        if (canonical is null)
        {
            return false;
        }

        var withoutVersion = canonical.Split('|')[0];
        return withoutVersion.EndsWith("/Questionnaire/" + FhirMapper.QuestionnaireId, StringComparison.Ordinal)
            || withoutVersion == "Questionnaire/" + FhirMapper.QuestionnaireId;
    }

    /// <summary>False only when the resource names a different patient: another person's answers never count.</summary>
    private static bool IsAbout(JsonObject resource, string patientId)
    {
        var reference = FhirJson.StringAt(resource["subject"] as JsonObject, "reference");
        return reference is null
            || reference == "Patient/" + patientId
            || reference.EndsWith("/Patient/" + patientId, StringComparison.Ordinal);
    }

    private static (int Score, DateTimeOffset At)? NewestPainScore(JsonObject? prefetched, string patientId)
    {
        (int Score, DateTimeOffset At)? newest = null;
        foreach (var observation in Resources(prefetched, "Observation"))
        {
            if (!IsAbout(observation, patientId)
                || FhirJson.StringAt(observation, "status") is not ("final" or "amended" or "corrected")
                || !HasPainCode(observation)
                || PainValue(observation) is not { } score
                || When(FhirJson.StringAt(observation, "effectiveDateTime") ?? FhirJson.StringAt(observation, "issued")) is not { } at)
            {
                continue;
            }

            if (newest is null || at > newest.Value.At)
            {
                newest = (score, at);
            }
        }

        return newest;
    }

    private static bool HasPainCode(JsonObject observation) =>
        observation["code"]?["coding"] is JsonArray codings
        && codings.OfType<JsonObject>().Any(c =>
            FhirJson.StringAt(c, "system") == FhirMapper.LoincSystem && FhirJson.StringAt(c, "code") == FhirMapper.PainSeverityCode);

    private static int? PainValue(JsonObject observation)
    {
        var node = observation["valueInteger"] ?? observation["valueQuantity"]?["value"];
        return node is JsonValue value && value.TryGetValue<double>(out var number)
            && number == Math.Floor(number) && number is >= 0 and <= 10
            ? (int)number
            : null;
    }

    private int? AgeFromPatient(JsonObject? patient)
    {
        if (patient is null || FhirJson.StringAt(patient, "resourceType") != "Patient"
            || !FhirJson.TryParseDateTime(FhirJson.StringAt(patient, "birthDate"), out var born))
        {
            return null;
        }

        var today = _clock.GetUtcNow().UtcDateTime.Date;
        var age = today.Year - born.Year;
        if (born.UtcDateTime.Date > today.AddYears(-age))
        {
            age--;
        }

        return age is >= 0 and <= 120 ? age : null;
    }
}
