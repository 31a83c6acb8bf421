using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Interop.Fhir;
using BackCare.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Fhir;

/// <summary>Everything BackCare holds about one person, as the FHIR mapper takes it.</summary>
internal sealed record PatientFile(
    PatientRecord Patient,
    IReadOnlyList<PainRecord> Pains,
    IReadOnlyList<AssessmentRecord> Assessments,
    IReadOnlyList<AppointmentRecord> Appointments);

/// <summary>
/// Reads one person's records from storage for the FHIR API. Pain scores come from two places: the pain
/// score a saved assessment was given, and each diary entry; their Observation ids say which
/// (<c>assessment-{id}</c>, <c>diary-{id}</c>) so that a read by id finds its way back.
/// </summary>
internal sealed class FhirRecords(BackCareDbContext db, Assessor assessor)
{
    public const string AssessmentPainPrefix = "assessment-";

    public const string DiaryPainPrefix = "diary-";

    /// <summary>
    /// Null when there is no such account. <paramref name="scope"/> says how much the reader sees: a clinic sees only the
    /// visits at that clinic.
    /// </summary>
    public async Task<PatientFile?> LoadAsync(Guid patientId, RecordScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (await AccountAsync(patientId, cancellationToken) is not { } account)
        {
            return null;
        }

        var id = patientId.ToString();
        var saved = await db.SavedAssessments.AsNoTracking().OwnedBy(patientId).ToListAsync(cancellationToken);
        var assessments = saved.Select(s => Assessment(s, id)).OfType<AssessmentRecord>().ToList();
        var diary = await db.DiaryEntries.AsNoTracking().OwnedBy(patientId)
            .Select(d => new { d.Id, d.CreatedUtc, d.PainScore })
            .ToListAsync(cancellationToken);

        var pains = new List<PainRecord>(diary.Count + assessments.Count);
        pains.AddRange(diary.Select(d => new PainRecord(DiaryPainPrefix + d.Id, id, Utc(d.CreatedUtc), d.PainScore)));
        foreach (var assessment in assessments)
        {
            if ((assessment.Case.Findings ?? assessment.Result.Findings)?.PainScore is { } score)
            {
                pains.Add(new PainRecord(AssessmentPainPrefix + assessment.Id, id, assessment.At, score));
            }
        }

        pains.Sort((a, b) => b.At.CompareTo(a.At));

        var patient = Patient(id, account.DisplayName, account.Email, assessments.FirstOrDefault());
        return new PatientFile(patient, pains, assessments, await AppointmentsAsync(patientId, scope, cancellationToken));
    }

    /// <summary>The account's name and email, for the Patient; null when there is no such account.</summary>
    private async Task<(string DisplayName, string Email)?> AccountAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == patientId)
            .Select(a => new { a.DisplayName, a.Email })
            .SingleOrDefaultAsync(cancellationToken);
        return account is null ? null : (account.DisplayName, account.Email);
    }

    /// <summary>
    /// The Patient of <see cref="LoadAsync"/> alone, for a read of the Patient resource: the account and the newest
    /// assessment the engine reads, without the diary, the visits or the engine's work on every older assessment, which
    /// the Patient resource does not show (the cost of a <c>GET /fhir/Patient/{id}</c>, docs/performance.md, stop 29).
    /// Null when there is no such account.
    /// </summary>
    public async Task<PatientRecord?> PatientAsync(Guid patientId, CancellationToken cancellationToken)
    {
        if (await AccountAsync(patientId, cancellationToken) is not { } account)
        {
            return null;
        }

        var id = patientId.ToString();
        AssessmentRecord? newest = null;
        await foreach (var saved in db.SavedAssessments.AsNoTracking().OwnedBy(patientId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Assessment(saved, id) is { } assessment)
            {
                newest = assessment;
                break;
            }
        }

        return Patient(id, account.DisplayName, account.Email, newest);
    }

    /// <summary>Age and sex are not kept on the account; the newest assessment that gave them speaks for the person.</summary>
    private static PatientRecord Patient(string id, string displayName, string email, AssessmentRecord? newest) =>
        new(id, displayName, email, newest?.Case.Age, newest?.Case.Sex?.WireName());

    /// <summary>The person's visits (a clinic's reader: that clinic's only), newest first, as the FHIR mapper takes them.</summary>
    private async Task<IReadOnlyList<AppointmentRecord>> AppointmentsAsync(Guid patientId, RecordScope scope, CancellationToken cancellationToken)
    {
        var visits = db.Appointments.AsNoTracking().Where(a => a.OwnerId == patientId);
        if (scope.ClinicId is { } clinicId)
        {
            visits = visits.Where(a => a.ClinicId == clinicId);
        }

        var rows = await (from a in visits
                          join c in db.Clinics.AsNoTracking() on a.ClinicId equals c.Id
                          join p in db.Clinicians.AsNoTracking() on a.ClinicianId equals p.Id
                          orderby a.StartUtc descending, a.Id
                          select new { a.Id, a.StartUtc, a.EndUtc, a.Kind, a.Status, a.JoinUrl, a.Reason, Clinician = p.DisplayName, Clinic = c.Name })
            .ToListAsync(cancellationToken);
        var id = patientId.ToString();
        return [.. rows.Select(a => new AppointmentRecord(
            a.Id.ToString(), id, a.Clinician, a.Clinic, Utc(a.StartUtc), Utc(a.EndUtc),
            a.Kind == SlotKind.Telemedicine ? "telemedicine" : "in_person",
            a.Status == AppointmentStatus.Booked ? "booked" : "cancelled",
            a.JoinUrl, a.Reason))];
    }

    /// <summary>Whose record a resource id of one type belongs to; null when no such resource exists.</summary>
    public async Task<Guid?> OwnerOfAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        switch (resourceType)
        {
            case "Patient":
                return Guid.TryParse(id, out var patientId) && await db.Accounts.AnyAsync(a => a.Id == patientId, cancellationToken)
                    ? patientId
                    : null;
            case "Observation" when id.StartsWith(DiaryPainPrefix, StringComparison.Ordinal):
                return Guid.TryParse(id.AsSpan(DiaryPainPrefix.Length), out var entryId)
                    ? await db.DiaryEntries.Where(d => d.Id == entryId).Select(d => (Guid?)d.OwnerId).SingleOrDefaultAsync(cancellationToken)
                    : null;
            case "Observation" when id.StartsWith(AssessmentPainPrefix, StringComparison.Ordinal):
                return await AssessmentOwnerAsync(id[AssessmentPainPrefix.Length..], cancellationToken);
            case "QuestionnaireResponse" or "CarePlan":
                return await AssessmentOwnerAsync(id, cancellationToken);
            case "Appointment":
                return Guid.TryParse(id, out var appointmentId)
                    ? await db.Appointments.Where(a => a.Id == appointmentId).Select(a => (Guid?)a.OwnerId).SingleOrDefaultAsync(cancellationToken)
                    : null;
            default:
                return null;
        }
    }

    private async Task<Guid?> AssessmentOwnerAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var assessmentId)
            ? await db.SavedAssessments.Where(a => a.Id == assessmentId).Select(a => (Guid?)a.OwnerId).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>
    /// The saved case, assessed again by the engine: the saved result is contract JSON for the person, and the
    /// engine gives the same answer for the same case, with the reasons and plan the mapper needs.
    /// </summary>
    private AssessmentRecord? Assessment(SavedAssessment saved, string patientId)
    {
        var read = CaseReader.Read(saved.CaseJson);
        return read.Case is { } assessmentCase && assessor.Evaluate(assessmentCase).Result is { } result
            ? new AssessmentRecord(saved.Id.ToString(), patientId, Utc(saved.CreatedUtc), assessmentCase, result)
            : null;
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
