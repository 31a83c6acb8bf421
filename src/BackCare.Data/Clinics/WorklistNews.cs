namespace BackCare.Data.Clinics;

/// <summary>
/// Something new about a person that their clinics should see, as <see cref="WorklistUpdater.RaiseAsync"/> takes it.
/// Each kind of news is made by one factory here, so the check, the API, the diary, booking and messages all say
/// the same thing the same way, and the rules of who joins which worklist live in one place.
/// </summary>
public sealed record WorklistNews
{
    private WorklistNews(Guid patientId, Guid? clinicId, string? disposition, IReadOnlyCollection<string>? redFlags, WorklistJoin join)
    {
        if (patientId == Guid.Empty || clinicId == Guid.Empty)
        {
            throw new ArgumentException("News of the worklist is about a person, and names a clinic when it is about one.");
        }

        PatientId = patientId;
        ClinicId = clinicId;
        Disposition = disposition;
        RedFlags = redFlags is { Count: > 0 } ? redFlags : null;
        Join = join;
    }

    public Guid PatientId { get; }

    /// <summary>The one clinic the news is for; null for every clinic the person is a patient of.</summary>
    public Guid? ClinicId { get; }

    /// <summary>The contract's disposition code of what was just assessed; null when nothing was (a message).</summary>
    public string? Disposition { get; }

    /// <summary>The finding codes of red flags the diary reports as new; null when none.</summary>
    public IReadOnlyCollection<string>? RedFlags { get; }

    /// <summary>Whether a person not yet on the worklist joins it.</summary>
    public WorklistJoin Join { get; }

    /// <summary>
    /// The priority the news asks for: 0 for a new red flag, else its disposition's; null when it says nothing
    /// clinical (a message), so that only the activity shows.
    /// </summary>
    public int? Priority => RedFlags is not null ? ClinicPatient.NewRedFlagPriority
        : Disposition is { } code ? ClinicPatient.PriorityOf(code)
        : null;

    /// <summary>
    /// A saved check or assessment (the check pages and <c>POST /api/assessments</c>): raises the person on every
    /// clinic's worklist they are on. One who is on none and was told to be seen urgently or at once joins the
    /// clinic's worklist when there is exactly one clinic (with one clinic, everyone is its patient); in a network
    /// nobody is made a clinic's patient without choosing it.
    /// </summary>
    public static WorklistNews Assessed(Guid patientId, string disposition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        var needsClinic = ClinicPatient.PriorityOf(disposition) <= ClinicPatient.PriorityOf("urgent");
        return new(patientId, null, disposition, null, needsClinic ? WorklistJoin.TheOnlyClinic : WorklistJoin.No);
    }

    /// <summary>A diary entry, with the red flags it reports as new: raises the person on every clinic's worklist they are on.</summary>
    public static WorklistNews DiaryEntry(Guid patientId, string disposition, IReadOnlyCollection<string>? newRedFlags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        return new(patientId, null, disposition, newRedFlags, WorklistJoin.No);
    }

    /// <summary>A visit booked (or moved) at the clinic: the person is its patient from now on.</summary>
    public static WorklistNews Booked(Guid clinicId, Guid patientId, string disposition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        return new(patientId, clinicId, disposition, null, WorklistJoin.ThisClinic);
    }

    /// <summary>
    /// The person wrote to the clinic with its contact form: they become its patient, with their latest check's
    /// disposition, or at the calmest priority without one, so the clinic can answer in their thread.
    /// </summary>
    public static WorklistNews WroteFirst(Guid clinicId, Guid patientId, string? latestDisposition) =>
        new(patientId, clinicId, latestDisposition, null, WorklistJoin.ThisClinic);

    /// <summary>
    /// The person chose the clinic as theirs (at a network's result page): they become its patient, or its row shows
    /// the news, with their latest check's disposition. Their latest clinic is the one offered to them from now on.
    /// </summary>
    public static WorklistNews Chose(Guid clinicId, Guid patientId, string? latestDisposition) =>
        new(patientId, clinicId, latestDisposition, null, WorklistJoin.ThisClinic);

    /// <summary>A message to the clinic: nothing clinical changes, but the row shows the activity.</summary>
    public static WorklistNews Wrote(Guid clinicId, Guid patientId) => new(patientId, clinicId, null, null, WorklistJoin.No);
}

/// <summary>Whether news about a person who is on no worklist yet puts them on one.</summary>
public enum WorklistJoin
{
    No,

    /// <summary>The clinic the news names.</summary>
    ThisClinic,

    /// <summary>The clinic, when the server has exactly one.</summary>
    TheOnlyClinic,
}
