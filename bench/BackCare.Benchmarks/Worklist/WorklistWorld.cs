using BackCare.Data.Accounts;

namespace BackCare.Benchmarks.Worklist;

/// <summary>
/// The made-up clinic the worklist benchmark reads: one clinic with 100,000 patients on its worklist and 3,000,000
/// diary entries between them, plus what the worklist page joins and filters by (names, dates of birth and phones,
/// assigned clinicians, visits, messages, the last 14 days of diary pain). Every value comes from seeded
/// <see cref="Random"/>s and the day of the seed, so both databases seeded on one day hold the same rows and a reseed
/// makes them again. Ids are version 7 Guids stamped with the row's creation time, as the product makes them.
/// </summary>
/// <param name="seededAtUtc">
/// The start (00:00 UTC) of the day the database is seeded: the diary ends there, the waits and visits are spread around
/// it, so that a run in the days after finds diary pain in the worklist's 14-day sparkline and visits on its "today".
/// </param>
internal sealed class WorklistWorld(DateTime seededAtUtc)
{
    public const int Patients = 100_000;
    public const int DiaryEntries = 3_000_000;
    public const string ClinicName = "Worklist Benchmark Spine Clinic";
    public const string ClinicianEmail = "worklist-bench-clinician@example.org";
    public const string ClinicianPassword = "worklist-bench-password-1";

    /// <summary>The clinic's clinicians; the first is the one who signs in.</summary>
    public static IReadOnlyList<string> Clinicians { get; } = ["Dr. Ada Moss", "Dr. Ben Ito", "Dr. Chloe Diaz", "Dr. Dev Patel"];

    /// <summary>How many days before the seed the first patient's account was made (the accounts span them evenly).</summary>
    public const int HistoryDays = 180;

    /// <summary>The seeded data ends here; waits, diaries and visits are spread around it.</summary>
    public DateTime SeededAtUtc { get; } = seededAtUtc.Date == seededAtUtc && seededAtUtc.Kind == DateTimeKind.Utc
        ? seededAtUtc
        : throw new ArgumentException("A world is seeded at the start of a UTC day.", nameof(seededAtUtc));

    /// <summary>The world a seed made at <paramref name="nowUtc"/> holds.</summary>
    public static WorklistWorld SeededOn(DateTime nowUtc) => new(DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc));

    /// <summary>The world whose first patient's account was made at <paramref name="firstPatientCreatedUtc"/> (how a reused seed tells its day).</summary>
    public static WorklistWorld OfFirstPatient(DateTime firstPatientCreatedUtc) =>
        new(DateTime.SpecifyKind(firstPatientCreatedUtc, DateTimeKind.Utc).AddDays(HistoryDays));

    /// <summary>The email of the <paramref name="index"/>th patient (from 0).</summary>
    public static string PatientEmail(int index) => $"patient{index}@worklist-bench.example.org";

    private static readonly string[] FirstNames =
        ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kira", "Liam", "Maya", "Noor", "Owen", "Priya", "Quinn", "Rosa", "Sam", "Tariq"];

    private static readonly string[] LastNames =
        ["Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jones", "Kowalski", "Lopez", "Moss", "Nguyen", "Okafor", "Patel", "Rossi", "Smith", "Tanaka", "Weber"];

    private static readonly string[] RedFlagCodes = ["bladder_dysfunction", "saddle_anesthesia", "bowel_incontinence", "fever", "major_trauma", "weight_loss"];

    private static readonly string[] Dispositions = ["red_flag", "emergency", "urgent", "routine", "self_care"];

    private static readonly int[] AreaCodes = [212, 332, 347, 646, 718, 917, 929];

    /// <param name="AssignedTo">The index of the clinic's clinician they are assigned to (0 is the one who signs in); null for nobody.</param>
    public sealed record Patient(
        Guid Id, string Name, string Email, DateTime CreatedUtc, int Priority, string Disposition, string? RedFlags, DateTime WaitingSinceUtc, DateTime LastActivityUtc,
        DateOnly? DateOfBirth, string? Phone, int? AssignedTo)
    {
        public string? PhoneDigits => Phone is null ? null : ContactDetails.Digits(Phone);
    }

    public sealed record DiaryEntry(Guid Id, Guid OwnerId, DateTime CreatedUtc, int PainScore, int Spasms, bool CouldWalk, bool CouldSit, bool CouldSleep, bool CouldWork,
        string? WhatHelped, string Disposition, string? Progress, bool RedFlag, string Level);

    public sealed record Slot(Guid Id, Guid ClinicianId, DateTime StartUtc);

    public sealed record Appointment(Guid Id, Guid OwnerId, DateTime CreatedUtc, Slot Slot, string Disposition, bool Cancelled);

    public sealed record Message(Guid Id, Guid OwnerId, DateTime CreatedUtc, Guid AuthorId, bool FromClinic, string Body, DateTime? ReadUtc);

    /// <summary>
    /// The worklist: about 1% with a new red flag (waiting hours to 3 days), 2% emergency, 12% urgent, 35% routine,
    /// the rest self-care, waiting up to 120 days. Names repeat, as they do in a real clinic. 65% gave a date of birth
    /// (1940 to 2004, so a date is shared by about three), 55% a phone (a New York number, written "(646) 555-0134");
    /// 70% are assigned, evenly, to one of <paramref name="clinicians"/> clinicians, the rest to nobody.
    /// </summary>
    public List<Patient> MakePatients(int clinicians)
    {
        var random = new Random(6);
        // Its own stream, so the columns added later leave the names, priorities and waits as they were.
        var details = new Random(10);
        var patients = new List<Patient>(Patients);
        for (var i = 0; i < Patients; i++)
        {
            var created = SeededAtUtc.AddDays(-HistoryDays + ((double)HistoryDays * i / Patients));
            var roll = random.NextDouble();
            var priority = roll switch { < 0.01 => 0, < 0.03 => 1, < 0.15 => 2, < 0.50 => 3, _ => 4 };
            var waiting = priority == 0
                ? SeededAtUtc.AddMinutes(-random.Next(30, 3 * 24 * 60))
                : SeededAtUtc.AddMinutes(-random.Next(10, 120 * 24 * 60));
            if (waiting < created)
            {
                waiting = created.AddHours(1);
            }

            var redFlags = priority == 0 ? RedFlagCodes[random.Next(RedFlagCodes.Length)] : null;
            var disposition = priority == 0 ? "emergency" : Dispositions[priority];
            var lastActivity = waiting.AddMinutes(random.Next(0, (int)Math.Max(1, (SeededAtUtc - waiting).TotalMinutes)));
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            DateOnly? born = details.Next(100) < 65 ? new DateOnly(1940, 1, 1).AddDays(details.Next(65 * 365)) : null;
            var phone = details.Next(100) < 55
                ? $"({AreaCodes[details.Next(AreaCodes.Length)]}) {details.Next(200, 1000)}-{details.Next(10_000):D4}"
                : null;
            int? assignedTo = details.Next(100) < 70 ? details.Next(clinicians) : null;
            patients.Add(new Patient(
                Guid.CreateVersion7(created), name, PatientEmail(i), created, priority, disposition, redFlags, waiting, lastActivity, born, phone, assignedTo));
        }

        return patients;
    }

    /// <summary>
    /// 3,000,000 entries in the order they arrived over the 120 days before the seed, each from one of the 80% of patients who keep
    /// a diary (chosen at random, so some write daily and some rarely). A red flag in about 1 in 2,000.
    /// </summary>
    public IEnumerable<DiaryEntry> MakeDiary(IReadOnlyList<Patient> patients)
    {
        var random = new Random(7);
        var writers = patients.Count * 4 / 5;
        var start = SeededAtUtc.AddDays(-120);
        var step = TimeSpan.FromDays(120).Ticks / DiaryEntries;
        string[] levels = ["Normal", "Limited", "NotAtAll"];
        string[] progress = ["Improving", "Stalled", "Worse"];
        for (var i = 0; i < DiaryEntries; i++)
        {
            var created = start.AddTicks((i * step) + random.NextInt64(step));
            var owner = patients[random.Next(writers)];
            var pain = random.Next(0, 11);
            var redFlag = random.Next(2000) == 0;
            yield return new DiaryEntry(
                Guid.CreateVersion7(created), owner.Id, created, pain, random.Next(0, 4),
                pain < 8, pain < 7, pain < 6, pain < 5,
                random.Next(3) == 0 ? "heat;walking" : null,
                redFlag ? "emergency" : pain >= 8 ? "routine" : "self_care",
                progress[random.Next(progress.Length)], redFlag, levels[Math.Min(2, pain / 4)]);
        }
    }

    /// <summary>
    /// One visit for 15% of patients, one slot each, back to back (every 30 minutes, day and night, for each clinician)
    /// from 20 days before the seed to about 60 after, so every day of the two weeks a seed is used has about 190 booked
    /// visits; 1 in 10 cancelled.
    /// </summary>
    public List<Appointment> MakeAppointments(IReadOnlyList<Patient> patients, IReadOnlyList<Guid> clinicianIds)
    {
        var random = new Random(8);
        var appointments = new List<Appointment>();
        var first = SeededAtUtc.AddDays(-20);
        for (var i = 0; i < patients.Count; i++)
        {
            if (random.Next(100) >= 15)
            {
                continue;
            }

            var patient = patients[i];
            var number = appointments.Count;
            var start = first.AddMinutes(30 * (number / clinicianIds.Count));
            var slot = new Slot(Guid.CreateVersion7(start.AddDays(-30)), clinicianIds[number % clinicianIds.Count], start);
            var booked = start.AddDays(-random.Next(1, 20));
            appointments.Add(new Appointment(Guid.CreateVersion7(booked), patient.Id, booked, slot, patient.Disposition, Cancelled: random.Next(10) == 0));
        }

        return appointments;
    }

    /// <summary>A thread for 30% of patients: one to five messages, alternating; the patient's last message unread half the time.</summary>
    public static List<Message> MakeMessages(IReadOnlyList<Patient> patients, Guid clinicianAuthorId)
    {
        var random = new Random(9);
        var messages = new List<Message>();
        foreach (var patient in patients)
        {
            if (random.Next(100) >= 30)
            {
                continue;
            }

            var count = random.Next(1, 6);
            var at = patient.WaitingSinceUtc;
            for (var m = 0; m < count; m++)
            {
                at = at.AddHours(random.Next(1, 48));
                var fromClinic = m % 2 == 1;
                var last = m == count - 1;
                var read = fromClinic || !last || random.Next(2) == 0 ? at.AddHours(1) : (DateTime?)null;
                messages.Add(new Message(
                    Guid.CreateVersion7(at), patient.Id, at, fromClinic ? clinicianAuthorId : patient.Id, fromClinic,
                    fromClinic ? "Thank you, keep walking a little every day." : "Is it all right to swim this week?", read));
            }
        }

        return messages;
    }
}
