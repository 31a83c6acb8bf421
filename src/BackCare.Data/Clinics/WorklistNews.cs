namespace BackCare.Data.Clinics;

/// <summary>
/// Something new about a person that their clinics should see, as <see cref="WorklistUpdater.RaiseAsync"/> takes it.
/// Each kind of news is made by one factory here, so the check, the API, the diary, booking and messages all say
/// the same thing the same way, and the rules of who joins which worklist live in one place.
/// </summary>
public sealed record WorklistNews
{
    private WorklistNews(Guid patientId, Guid? clinicId, string? disposition, IReadOnlyCollection<string>? redFlags, WorklistJoin join, bool needsClinic, int? stalledDays = null)
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
        NeedsClinic = needsClinic || RedFlags is not null;
        StalledDays = stalledDays;
    }

    /// <summary>
    /// The milestone (days since the first check) at which the person's recovery was found stalled; null for any other
    /// news. Such news raises a row only once per milestone (<see cref="ClinicPatient.StalledDays"/>).
    /// </summary>
    public int? StalledDays { get; }

    public Guid PatientId { get; }

    /// <summary>The one clinic the news is for; null for every clinic the person is a patient of.</summary>
    public Guid? ClinicId { get; }

    /// <summary>The contract's disposition code of what was just assessed; null when nothing was (a message).</summary>
    public string? Disposition { get; }

    /// <summary>The finding codes of red flags the diary reports as new; null when none.</summary>
    public IReadOnlyCollection<string>? RedFlags { get; }

    /// <summary>Whether a person who is no clinic's patient yet becomes one.</summary>
    public WorklistJoin Join { get; }

    /// <summary>
    /// Whether the news asks the clinic to act, and so puts the person on the worklist: a saved check that is urgent or
    /// an emergency, a diary entry with a new red flag or that asks to see a clinician (its recovery stalled or got
    /// worse), a visit, a message, choosing the clinic after an urgent check. Other news (a home-care check or diary
    /// entry, signing up, choosing a clinic) is remembered on the person's row but leaves a row that is not waiting off
    /// the worklist, and a row it makes starts off it: the person is in the clinic's list of all patients (decision 0026).
    /// </summary>
    public bool NeedsClinic { get; }

    /// <summary>
    /// The priority the news asks for: 0 for a new red flag, else its disposition's; null when it says nothing
    /// clinical (a message), so that only the activity shows.
    /// </summary>
    public int? Priority => RedFlags is not null ? ClinicPatient.NewRedFlagPriority
        : Disposition is { } code ? ClinicPatient.PriorityOf(code)
        : StalledDays is not null ? ClinicPatient.PriorityOf(StalledRecovery.Disposition)
        : null;

    /// <summary>
    /// A saved check or assessment (the check pages and <c>POST /api/assessments</c>): raises the person on every
    /// clinic's worklist they are on when they were told to be seen urgently or at once; a calmer check is only
    /// remembered. One who is no clinic's patient becomes the clinic's when there is exactly one clinic (with one
    /// clinic, everyone is its patient: this is how an account made before that rule joins); in a network nobody is
    /// made a clinic's patient without choosing it.
    /// </summary>
    public static WorklistNews Assessed(Guid patientId, string disposition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        return new(patientId, null, disposition, null, WorklistJoin.TheOnlyClinic, IsUrgent(disposition));
    }

    /// <summary>
    /// A new account joins its clinic: the server's only clinic (with one clinic, everyone is its patient), or the one
    /// the person chose at sign-up in a network. They are in its list of all patients, not on its worklist until
    /// something asks the clinic to act.
    /// </summary>
    public static WorklistNews SignedUp(Guid clinicId, Guid patientId) => new(patientId, clinicId, null, null, WorklistJoin.ThisClinic, needsClinic: false);

    /// <summary>
    /// A diary entry, with the red flags it reports as new: raises the person on every clinic's worklist they are on
    /// when it has a new red flag or asks to see a clinician (routine or more: the review's step up when recovery
    /// stalls or gets worse); a home-care entry is only remembered. Like a check, it makes a person of no clinic the
    /// only clinic's patient.
    /// </summary>
    public static WorklistNews DiaryEntry(Guid patientId, string disposition, IReadOnlyCollection<string>? newRedFlags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        return new(patientId, null, disposition, newRedFlags, WorklistJoin.TheOnlyClinic, ClinicPatient.PriorityOf(disposition) <= ClinicPatient.PriorityOf("routine"));
    }

    /// <summary>A visit booked (or moved) at the clinic: the person is its patient from now on.</summary>
    public static WorklistNews Booked(Guid clinicId, Guid patientId, string disposition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        return new(patientId, clinicId, disposition, null, WorklistJoin.ThisClinic, needsClinic: true);
    }

    /// <summary>
    /// The person wrote to the clinic with its contact form: they become its patient, with their latest check's
    /// disposition, or at the calmest priority without one, so the clinic can answer in their thread.
    /// </summary>
    public static WorklistNews WroteFirst(Guid clinicId, Guid patientId, string? latestDisposition) =>
        new(patientId, clinicId, latestDisposition, null, WorklistJoin.ThisClinic, needsClinic: true);

    /// <summary>
    /// The person chose the clinic as theirs (at sign-up or on a network's result page): they become its patient, with
    /// their latest check's disposition. Only an urgent or emergency check puts them on its worklist; otherwise they
    /// are in its list of all patients. Their latest clinic is the one offered to them from now on.
    /// </summary>
    public static WorklistNews Chose(Guid clinicId, Guid patientId, string? latestDisposition) =>
        new(patientId, clinicId, latestDisposition, null, WorklistJoin.ThisClinic, latestDisposition is { } code && IsUrgent(code));

    /// <summary>
    /// The person's recovery has stalled at a milestone (<see cref="StalledRecovery"/>: 7 or 28 days since their first
    /// check): their row at the clinic is raised to at least a routine visit's priority, once per milestone, and comes
    /// back once if acknowledged. Their latest disposition is kept; nobody joins a clinic by it.
    /// </summary>
    public static WorklistNews Stalled(Guid clinicId, Guid patientId, int days)
    {
        if (!StalledRecovery.Milestones.Contains(days))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "Recovery is judged at the milestones only.");
        }

        return new(patientId, clinicId, null, null, WorklistJoin.No, needsClinic: true, stalledDays: days);
    }

    /// <summary>A message to the clinic: nothing clinical changes, but the row shows the activity.</summary>
    public static WorklistNews Wrote(Guid clinicId, Guid patientId) => new(patientId, clinicId, null, null, WorklistJoin.No, needsClinic: true);

    private static bool IsUrgent(string disposition) => ClinicPatient.PriorityOf(disposition) <= ClinicPatient.PriorityOf("urgent");
}

/// <summary>Whether news about a person who is no clinic's patient yet makes them one (on the worklist or not: <see cref="WorklistNews.NeedsClinic"/>).</summary>
public enum WorklistJoin
{
    No,

    /// <summary>The clinic the news names.</summary>
    ThisClinic,

    /// <summary>The clinic, when the server has exactly one.</summary>
    TheOnlyClinic,
}
