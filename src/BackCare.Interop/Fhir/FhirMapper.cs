using System.Collections.Frozen;
using System.Text.Json.Nodes;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Interop.Fhir;

/// <summary>
/// Builds FHIR R4 resources (JSON) from BackCare's records. Every resource it makes validates against
/// the official FHIR R4 JSON schema (the tests run the schema over each kind). The base URL is the
/// server's FHIR root, for example <c>https://clinic.example/fhir</c>; BackCare's own code systems and
/// the assessment questionnaire are named under it.
/// </summary>
public sealed class FhirMapper
{
    public const string LoincSystem = "http://loinc.org";

    /// <summary>LOINC 72514-3: Pain severity - 0-10 verbal numeric rating [Score] - Reported.</summary>
    public const string PainSeverityCode = "72514-3";

    public const string PainSeverityDisplay = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    public const string AdministrativeGenderSystem = "http://hl7.org/fhir/administrative-gender";

    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>The linkIds of the questionnaire items that are not finding codes.</summary>
    public const string AgeLinkId = "age";

    public const string SexLinkId = "sex";

    public const string NarrativeLinkId = "narrative";

    /// <summary>The questionnaire's own id; its canonical URL is <c>{base}/Questionnaire/backcare-assessment</c>.</summary>
    public const string QuestionnaireId = "backcare-assessment";

    /// <summary>The resource types the server offers, in the order the capability statement lists them.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["Patient", "Observation", "QuestionnaireResponse", "CarePlan", "Appointment"];

    /// <summary>
    /// Appointment states as storage may name them (any case), and the FHIR R4 appointment status each
    /// becomes. A state not in this table is refused rather than guessed.
    /// </summary>
    public static readonly FrozenDictionary<string, string> AppointmentStatuses = new Dictionary<string, string>
    {
        ["proposed"] = "proposed",
        ["requested"] = "pending",
        ["pending"] = "pending",
        ["booked"] = "booked",
        ["scheduled"] = "booked",
        ["confirmed"] = "booked",
        ["arrived"] = "arrived",
        ["checked_in"] = "checked-in",
        ["checked-in"] = "checked-in",
        ["completed"] = "fulfilled",
        ["fulfilled"] = "fulfilled",
        ["cancelled"] = "cancelled",
        ["canceled"] = "cancelled",
        ["no_show"] = "noshow",
        ["noshow"] = "noshow",
        ["entered_in_error"] = "entered-in-error",
        ["entered-in-error"] = "entered-in-error",
        ["waitlist"] = "waitlist",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly string _base;

    public FhirMapper(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The FHIR base URL must be absolute, for example https://clinic.example/fhir.", nameof(baseUrl));
        }

        _base = baseUrl.AbsoluteUri.TrimEnd('/');
    }

    public string BaseUrl => _base;

    public string QuestionnaireUrl => $"{_base}/Questionnaire/{QuestionnaireId}";

    /// <summary>The code system of one choice finding, for example <c>{base}/CodeSystem/trigger</c>.</summary>
    public string ChoiceSystem(string findingKey) => $"{_base}/CodeSystem/{findingKey}";

    /// <summary>The extension that carries a video visit's join link (R4 has no field for it).</summary>
    public string JoinUrlExtension => $"{_base}/StructureDefinition/appointment-join-url";

    /// <summary>BackCare's code system of the kinds of visit: <c>in-person</c> and <c>telemedicine</c>.</summary>
    public string VisitKindSystem => $"{_base}/CodeSystem/visit-kind";

    public string FullUrl(string resourceType, string id) => $"{_base}/{resourceType}/{id}";

    public JsonObject Patient(PatientRecord patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var resource = new JsonObject
        {
            ["resourceType"] = "Patient",
            ["id"] = FhirJson.CheckId(patient.Id, nameof(patient)),
            ["active"] = true,
            ["name"] = FhirJson.Array(new JsonObject { ["text"] = patient.DisplayName }),
        };
        if (!string.IsNullOrWhiteSpace(patient.Email))
        {
            resource["telecom"] = FhirJson.Array(new JsonObject { ["system"] = "email", ["value"] = patient.Email });
        }

        if (patient.Sex is { } sex)
        {
            resource["gender"] = Gender(sex);
        }

        // Patient has no field for an age without a birth date; the age travels in each assessment's answers.
        return resource;
    }

    public JsonObject PainObservation(PainRecord pain)
    {
        ArgumentNullException.ThrowIfNull(pain);
        ArgumentOutOfRangeException.ThrowIfNegative(pain.Score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pain.Score, 10);
        return new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = FhirJson.CheckId(pain.Id, nameof(pain)),
            ["status"] = "final",
            // A self-reported score on a questionnaire scale is a survey, not a vital sign (as US Core files it).
            ["category"] = FhirJson.Array(Concept(ObservationCategorySystem, "survey", "Survey")),
            ["code"] = Concept(LoincSystem, PainSeverityCode, PainSeverityDisplay),
            ["subject"] = FhirJson.Reference("Patient", FhirJson.CheckId(pain.PatientId, nameof(pain))),
            ["effectiveDateTime"] = FhirJson.DateTime(pain.At),
            ["valueInteger"] = pain.Score,
        };
    }

    /// <summary>The answers of one assessment, one item per answered finding, linkId = the finding code.</summary>
    public JsonObject QuestionnaireResponse(AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var assessmentCase = assessment.Case;
        var items = FhirJson.Array(
            Item(AgeLinkId, InteropText.Get("questions.age"), new JsonObject { ["valueInteger"] = assessmentCase.Age }));
        if (assessmentCase.Sex is { } sex)
        {
            items.AddNode(Item(SexLinkId, InteropText.Get("questions.sex"),
                new JsonObject { ["valueCoding"] = Coding(AdministrativeGenderSystem, sex.WireName(), null) }));
        }

        if (!string.IsNullOrWhiteSpace(assessmentCase.Narrative))
        {
            items.AddNode(Item(NarrativeLinkId, InteropText.Get("questions.narrative"), new JsonObject { ["valueString"] = assessmentCase.Narrative }));
        }

        // The case's own findings when it had them, else what the engine read from the narrative.
        var findings = assessmentCase.Findings ?? assessment.Result.Findings;
        if (findings is not null)
        {
            foreach (var code in findings.AnsweredCodes())
            {
                var definition = FindingCatalog.Get(code);
                items.AddNode(Item(definition.Key, definition.Question, Answer(definition, findings.ValueOf(code)!)));
            }
        }

        return new JsonObject
        {
            ["resourceType"] = "QuestionnaireResponse",
            ["id"] = FhirJson.CheckId(assessment.Id, nameof(assessment)),
            ["questionnaire"] = QuestionnaireUrl,
            ["status"] = "completed",
            ["subject"] = FhirJson.Reference("Patient", FhirJson.CheckId(assessment.PatientId, nameof(assessment))),
            ["authored"] = FhirJson.DateTime(assessment.At),
            ["item"] = items,
        };
    }

    /// <summary>
    /// The questionnaire every BackCare QuestionnaireResponse answers (its canonical URL is
    /// <see cref="QuestionnaireUrl"/>): age, sex, the person's own words, then one item per finding code
    /// in the contract's order, with the interview's question as text.
    /// </summary>
    public JsonObject AssessmentQuestionnaire()
    {
        var items = FhirJson.Array(
            new JsonObject { ["linkId"] = AgeLinkId, ["text"] = InteropText.Get("questions.age"), ["type"] = "integer", ["required"] = true },
            new JsonObject
            {
                ["linkId"] = SexLinkId,
                ["text"] = InteropText.Get("questions.sex"),
                ["type"] = "choice",
                ["answerOption"] = new JsonArray([.. FindingCatalog.SexValues.Select(v => (JsonNode)new JsonObject
                {
                    ["valueCoding"] = Coding(AdministrativeGenderSystem, v, null),
                })]),
            },
            new JsonObject { ["linkId"] = NarrativeLinkId, ["text"] = InteropText.Get("questions.narrative"), ["type"] = "text" });
        foreach (var definition in FindingCatalog.All)
        {
            var item = new JsonObject
            {
                ["linkId"] = definition.Key,
                ["text"] = definition.Question,
                ["type"] = definition.Kind switch
                {
                    FindingKind.Boolean => "boolean",
                    FindingKind.WholeNumber => "integer",
                    FindingKind.Number => "decimal",
                    _ => "choice",
                },
            };
            if (definition.Kind == FindingKind.Choice)
            {
                item["answerOption"] = new JsonArray([.. definition.Choices!.Select(choice => (JsonNode)new JsonObject
                {
                    ["valueCoding"] = Coding(ChoiceSystem(definition.Key), choice, ClinicalText.ChoiceLabel(definition.Key, choice)),
                })]);
            }

            items.AddNode(item);
        }

        return new JsonObject
        {
            ["resourceType"] = "Questionnaire",
            ["id"] = QuestionnaireId,
            ["url"] = QuestionnaireUrl,
            ["name"] = "BackCareAssessment",
            ["title"] = InteropText.Get("careplan.questionnaire_title"),
            ["status"] = "active",
            ["subjectType"] = FhirJson.Array("Patient"),
            ["item"] = items,
        };
    }

    /// <summary>
    /// The plan of one assessment. Every assessment has one: for home care it lists the day-by-day steps;
    /// for an urgent or emergency result it has no steps and its notes say to get care as the disposition says.
    /// </summary>
    public JsonObject CarePlan(AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var result = assessment.Result;
        var disposition = InteropText.Get("dispositions." + result.Disposition.WireName());
        var notes = FhirJson.Array(Note(disposition));
        foreach (var reason in result.Reasons)
        {
            notes.AddNode(Note(InteropText.Format("careplan.reason", reason.Text, reason.Source)));
        }

        var resource = new JsonObject
        {
            ["resourceType"] = "CarePlan",
            ["id"] = FhirJson.CheckId(assessment.Id, nameof(assessment)),
            ["status"] = "active",
            ["intent"] = "plan",
            ["title"] = InteropText.Get("careplan.title"),
            ["description"] = disposition,
            ["subject"] = FhirJson.Reference("Patient", FhirJson.CheckId(assessment.PatientId, nameof(assessment))),
            ["created"] = FhirJson.DateTime(assessment.At),
            ["supportingInfo"] = FhirJson.Array(FhirJson.Reference("QuestionnaireResponse", assessment.Id)),
        };

        if (result.Plan is { } plan)
        {
            resource["period"] = new JsonObject
            {
                ["start"] = FhirJson.DateTime(assessment.At),
                ["end"] = FhirJson.DateTime(assessment.At.AddDays(plan.ReviewAfterDays)),
            };
            var activities = new JsonArray();
            foreach (var step in plan.Steps)
            {
                activities.AddNode(new JsonObject
                {
                    ["detail"] = new JsonObject
                    {
                        ["status"] = "not-started",
                        ["description"] = $"{step.Text} (source: {step.Source})",
                        ["scheduledPeriod"] = new JsonObject
                        {
                            ["start"] = FhirJson.DateTime(assessment.At.AddDays(step.Day)),
                            ["end"] = FhirJson.DateTime(assessment.At.AddDays(step.Day + 1)),
                        },
                    },
                });
            }

            if (activities.Count > 0)
            {
                resource["activity"] = activities;
            }

            if (plan.MedicationClasses.Count > 0)
            {
                notes.AddNode(Note(InteropText.Format("careplan.medicines_may_help", MedicineList(plan.MedicationClasses))));
            }

            if (plan.AvoidClasses.Count > 0)
            {
                notes.AddNode(Note(InteropText.Format("careplan.medicines_avoid", MedicineList(plan.AvoidClasses))));
            }

            notes.AddNode(Note(InteropText.Format("careplan.review", plan.ReviewAfterDays)));
        }
        else
        {
            notes.AddNode(Note(InteropText.Get("careplan.no_plan")));
        }

        resource["note"] = notes;
        return resource;
    }

    /// <summary>
    /// A visit. R4 has no field for a video link (R5's virtualService), so a telemedicine visit carries its
    /// join link in the extension <see cref="JoinUrlExtension"/>, and its kind as appointmentType with the
    /// v3 ActCode of the contact mode (VR virtual, AMB in person).
    /// </summary>
    public JsonObject Appointment(AppointmentRecord appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (!AppointmentStatuses.TryGetValue(appointment.Status, out var status))
        {
            throw new ArgumentException(
                $"Appointment status '{appointment.Status}' has no FHIR status; known: {string.Join(", ", AppointmentStatuses.Keys)}.",
                nameof(appointment));
        }

        if (appointment.End < appointment.Start)
        {
            throw new ArgumentException("An appointment cannot end before it starts.", nameof(appointment));
        }

        var (modeCode, modeDisplay, serviceCode) = appointment.Kind switch
        {
            "telemedicine" => ("VR", "virtual", "telemedicine"),
            "in_person" => ("AMB", "ambulatory", "in-person"),
            _ => throw new ArgumentException($"Appointment kind '{appointment.Kind}' must be in_person or telemedicine.", nameof(appointment)),
        };
        var kindText = InteropText.Get("appointment_kinds." + appointment.Kind);

        var resource = new JsonObject
        {
            ["resourceType"] = "Appointment",
            ["id"] = FhirJson.CheckId(appointment.Id, nameof(appointment)),
        };
        if (appointment.Kind == "telemedicine" && !string.IsNullOrWhiteSpace(appointment.JoinUrl))
        {
            if (!Uri.TryCreate(appointment.JoinUrl, UriKind.Absolute, out _))
            {
                throw new ArgumentException($"The join link '{appointment.JoinUrl}' is not an absolute URL.", nameof(appointment));
            }

            resource["extension"] = FhirJson.Array(new JsonObject { ["url"] = JoinUrlExtension, ["valueUrl"] = appointment.JoinUrl });
        }

        resource["status"] = status;
        resource["serviceType"] = FhirJson.Array(new JsonObject
        {
            ["coding"] = FhirJson.Array(Coding(VisitKindSystem, serviceCode, kindText)),
            ["text"] = kindText,
        });
        resource["appointmentType"] = new JsonObject
        {
            ["coding"] = FhirJson.Array(Coding(ActCodeSystem, modeCode, modeDisplay)),
            ["text"] = kindText,
        };
        if (!string.IsNullOrWhiteSpace(appointment.Reason))
        {
            resource["reasonCode"] = FhirJson.Array(new JsonObject { ["text"] = appointment.Reason });
        }

        resource["description"] = $"{kindText}: {appointment.ClinicianName}, {appointment.ClinicName}";
        resource["start"] = FhirJson.DateTime(appointment.Start);
        resource["end"] = FhirJson.DateTime(appointment.End);
        resource["minutesDuration"] = (int)Math.Round((appointment.End - appointment.Start).TotalMinutes);
        resource["participant"] = FhirJson.Array(
            Participant(FhirJson.Reference("Patient", FhirJson.CheckId(appointment.PatientId, nameof(appointment)))),
            Participant(new JsonObject { ["type"] = "Practitioner", ["display"] = appointment.ClinicianName }),
            Participant(new JsonObject { ["type"] = "Location", ["display"] = appointment.ClinicName }));
        return resource;
    }

    /// <summary>A search result: every resource is a match; <paramref name="selfUrl"/> is the search as asked.</summary>
    public JsonObject SearchSet(IEnumerable<JsonObject> resources, string? selfUrl = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            var type = FhirJson.StringAt(resource, "resourceType")
                ?? throw new ArgumentException("A bundle entry must be a resource with a resourceType.", nameof(resources));
            var id = FhirJson.StringAt(resource, "id")
                ?? throw new ArgumentException($"A {type} in a bundle must have an id.", nameof(resources));
            entries.AddNode(new JsonObject
            {
                ["fullUrl"] = FullUrl(type, id),
                ["resource"] = resource.Parent is null ? resource : resource.DeepClone(),
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = entries.Count,
        };
        if (selfUrl is not null)
        {
            bundle["link"] = FhirJson.Array(new JsonObject { ["relation"] = "self", ["url"] = selfUrl });
        }

        if (entries.Count > 0)
        {
            bundle["entry"] = entries;
        }

        return bundle;
    }

    /// <summary>Patient/{id}/$everything: the patient and every resource about them, as one searchset.</summary>
    public JsonObject Everything(
        PatientRecord patient,
        IEnumerable<PainRecord> pains,
        IEnumerable<AssessmentRecord> assessments,
        IEnumerable<AppointmentRecord> appointments)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(pains);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(appointments);
        var assessmentList = assessments.ToList();
        IEnumerable<JsonObject> resources =
        [
            Patient(patient),
            .. pains.Select(PainObservation),
            .. assessmentList.Select(QuestionnaireResponse),
            .. assessmentList.Select(CarePlan),
            .. appointments.Select(Appointment),
        ];
        return SearchSet(resources, $"{FullUrl("Patient", patient.Id)}/$everything");
    }

    /// <summary>
    /// An error for the caller. <paramref name="code"/> is a FHIR issue type such as <c>not-found</c>,
    /// <c>invalid</c>, <c>forbidden</c>, <c>not-supported</c> or <c>exception</c>.
    /// </summary>
    public static JsonObject OperationOutcome(string code, string diagnostics, string severity = "error")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(diagnostics);
        return new JsonObject
        {
            ["resourceType"] = "OperationOutcome",
            ["issue"] = FhirJson.Array(new JsonObject
            {
                ["severity"] = severity,
                ["code"] = code,
                ["diagnostics"] = diagnostics,
            }),
        };
    }

    /// <summary>What <c>GET /fhir/metadata</c> answers: the resources, their interactions and search parameters.</summary>
    public JsonObject CapabilityStatement(string softwareVersion, DateTimeOffset releaseDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(softwareVersion);
        var resources = new JsonArray();
        foreach (var type in ResourceTypes)
        {
            var searchParams = FhirJson.Array(SearchParam("_id", "token", "http://hl7.org/fhir/SearchParameter/Resource-id"));
            if (type != "Patient")
            {
                searchParams.AddNode(SearchParam("patient", "reference", "http://hl7.org/fhir/SearchParameter/clinical-patient"));
            }

            if (type == "Observation")
            {
                // What the CDS Hooks prefetch template asks for: the pain scores by their LOINC code.
                searchParams.AddNode(SearchParam("code", "token", "http://hl7.org/fhir/SearchParameter/clinical-code"));
            }

            var resource = new JsonObject
            {
                ["type"] = type,
                ["interaction"] = FhirJson.Array(new JsonObject { ["code"] = "read" }, new JsonObject { ["code"] = "search-type" }),
                ["searchParam"] = searchParams,
            };
            if (type == "Patient")
            {
                resource["operation"] = FhirJson.Array(new JsonObject
                {
                    ["name"] = "everything",
                    ["definition"] = "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                });
            }

            resources.AddNode(resource);
        }

        return new JsonObject
        {
            ["resourceType"] = "CapabilityStatement",
            ["status"] = "active",
            ["date"] = FhirJson.DateTime(releaseDate),
            ["publisher"] = "BackCare",
            ["kind"] = "instance",
            ["software"] = new JsonObject { ["name"] = "BackCare", ["version"] = softwareVersion },
            ["implementation"] = new JsonObject { ["description"] = "BackCare FHIR R4 API", ["url"] = _base },
            ["fhirVersion"] = FhirJson.FhirVersion,
            ["format"] = FhirJson.Array("json", FhirJson.MediaType),
            ["rest"] = FhirJson.Array(new JsonObject
            {
                ["mode"] = "server",
                ["documentation"] = "Read-only. Clinicians see the people in their care; a person sees only their own record.",
                ["resource"] = resources,
            }),
        };
    }

    private static JsonObject SearchParam(string name, string type, string definition) =>
        new JsonObject { ["name"] = name, ["definition"] = definition, ["type"] = type };

    private JsonObject Answer(FindingDefinition definition, object value) => definition.Kind switch
    {
        FindingKind.Boolean => new JsonObject { ["valueBoolean"] = (bool)value },
        FindingKind.WholeNumber => new JsonObject { ["valueInteger"] = (int)value },
        FindingKind.Number => new JsonObject { ["valueDecimal"] = (double)value },
        FindingKind.Choice => new JsonObject
        {
            ["valueCoding"] = Coding(ChoiceSystem(definition.Key), (string)value, ClinicalText.ChoiceLabel(definition.Key, (string)value)),
        },
        _ => throw new InvalidOperationException($"No FHIR answer type for {definition.Key}."),
    };

    private static JsonObject Item(string linkId, string text, JsonObject answer) =>
        new JsonObject { ["linkId"] = linkId, ["text"] = text, ["answer"] = FhirJson.Array(answer) };

    private static JsonObject Participant(JsonObject actor) =>
        new() { ["actor"] = actor, ["required"] = "required", ["status"] = "accepted" };

    private static JsonObject Note(string text) => new JsonObject { ["text"] = text };

    private static string MedicineList(IEnumerable<MedicationClass> classes) =>
        string.Join("; ", classes.Select(c => InteropText.Get("medicines." + c.WireName())));

    private static JsonObject Concept(string system, string code, string display) =>
        new() { ["coding"] = FhirJson.Array(Coding(system, code, display)), ["text"] = display };

    private static JsonObject Coding(string system, string code, string? display)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        return coding;
    }

    private static string Gender(string sex) => sex.ToLowerInvariant() switch
    {
        "female" => "female",
        "male" => "male",
        "other" => "other",
        _ => "unknown",
    };
}
