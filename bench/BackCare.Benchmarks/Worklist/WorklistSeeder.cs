using System.Diagnostics;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorklistQuery = BackCare.Data.Clinics.Worklist;

namespace BackCare.Benchmarks.Worklist;

/// <summary>The benchmark's seeded clinic and the world it holds (whose <see cref="WorklistWorld.SeededAtUtc"/> says its day).</summary>
internal sealed record SeededWorklist(Guid ClinicId, WorklistWorld World);

/// <summary>
/// Makes the benchmark's database and reuses it afterwards, for as long as its data still reach into the worklist's
/// 14-day pain sparkline (<see cref="WorklistQuery.PainDays"/>): a seed older than that is thrown away and made again,
/// said in the log, so that a later run never measures empty sparklines and an empty "today" silently.
/// The schema comes from the product's own migrations (<see cref="StorageStartup.InitializeBackCareStorageAsync"/>);
/// the clinic, its clinicians and the signed-in clinician's account go through EF and <see cref="AccountService"/>; the
/// 3.3 million bulk rows go in by the fastest route each database has (SQLite: one transaction of prepared inserts with
/// <c>synchronous=OFF</c>; PostgreSQL: binary COPY, into the month partitions a clinic's upkeep would have made).
/// The clinician's account is written last, so its presence says the seed finished; anything else is thrown away and
/// made again.
/// </summary>
internal static class WorklistSeeder
{
    public static async Task<SeededWorklist> EnsureSeededAsync(StorageOptions options, TextWriter log)
    {
        var now = DateTime.UtcNow;
        await using (var services = Services(options))
        {
            if (await SeededAsync(services, options, log) is { } seeded)
            {
                var age = now - seeded.World.SeededAtUtc;
                if (age <= TimeSpan.FromDays(WorklistQuery.PainDays))
                {
                    log.WriteLine($"// worklist benchmark: reusing the {options} seeded on {seeded.World.SeededAtUtc:yyyy-MM-dd}");
                    return seeded;
                }

                log.WriteLine(
                    $"// worklist benchmark: the {options} was seeded on {seeded.World.SeededAtUtc:yyyy-MM-dd}, {age.TotalDays:F0} days ago, longer than the "
                    + $"worklist's {WorklistQuery.PainDays}-day pain sparkline reaches back: seeding it again for today");
            }
        }

        var clock = Stopwatch.StartNew();
        log.WriteLine($"// worklist benchmark: seeding {options} (a few minutes)");
        await DropAsync(options);
        var made = await SeedAsync(options, WorklistWorld.SeededOn(now), log);
        log.WriteLine($"// worklist benchmark: seeded in {clock.Elapsed.TotalSeconds:F0} s");
        return made;
    }

    public static ServiceProvider Services(StorageOptions options) =>
        new ServiceCollection().AddBackCareStorage(options).BuildServiceProvider();

    /// <summary>The finished seed in the database, its day told by its first patient's account; null when there is none.</summary>
    private static async Task<SeededWorklist?> SeededAsync(ServiceProvider services, StorageOptions options, TextWriter log)
    {
        if (options.Provider == StorageProvider.Sqlite && !File.Exists(options.SqliteFilePath()))
        {
            return null;
        }

        try
        {
            // An older seed takes the newer migrations here (0019 fills its table from 3 million diary entries): timed.
            var clock = Stopwatch.StartNew();
            var report = await services.InitializeBackCareStorageAsync();
            if (report.Applied.Count > 0)
            {
                log.WriteLine($"// worklist benchmark: migrations {string.Join(", ", report.Applied)} applied in {clock.Elapsed.TotalSeconds:F1} s");
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinician = await db.Accounts.AsNoTracking()
                .SingleOrDefaultAsync(a => a.NormalizedEmail == Account.NormalizeEmail(WorklistWorld.ClinicianEmail));
            var firstPatient = await db.Accounts.AsNoTracking()
                .SingleOrDefaultAsync(a => a.NormalizedEmail == Account.NormalizeEmail(WorklistWorld.PatientEmail(0)));

            // A seed of before the world had dates of birth and phones (all seeded on 2026-12-04) is not this world.
            var current = await db.Accounts.AsNoTracking().AnyAsync(a => a.Role == AccountRole.Patient && a.PhoneDigits != null);
            return clinician?.ClinicId is { } clinicId && firstPatient is not null && current
                ? new SeededWorklist(clinicId, WorklistWorld.OfFirstPatient(firstPatient.CreatedUtc))
                : null;
        }
        catch (Exception e) when (e is StorageConfigurationException or DbUpdateException or System.Data.Common.DbException)
        {
            return null;
        }
    }

    private static async Task DropAsync(StorageOptions options)
    {
        if (options.Provider == StorageProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(options.SqliteFilePath() + suffix);
            }

            return;
        }

        var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var server = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", $"CREATE DATABASE \"{target.Database}\"" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<SeededWorklist> SeedAsync(StorageOptions options, WorklistWorld world, TextWriter log)
    {
        Guid clinicId;
        List<Guid> clinicianIds;
        await using (var services = Services(options))
        {
            await services.InitializeBackCareStorageAsync();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinic = new Clinic(WorklistWorld.ClinicName, "1 Benchmark Road, Springfield", "+1 555 0199", "America/New_York");
            var clinicians = WorklistWorld.Clinicians
                .Select(name => new Clinician(clinic.Id, name, Specialty.Spine)).ToList();
            db.Clinics.Add(clinic);
            db.Clinicians.AddRange(clinicians);
            await db.SaveChangesAsync();
            clinicId = clinic.Id;
            clinicianIds = clinicians.Select(c => c.Id).ToList();
        }

        var patients = world.MakePatients(clinicianIds.Count);
        var tables = Tables(world, clinicId, clinicianIds, patients);
        if (options.Provider == StorageProvider.Sqlite)
        {
            await SqliteBulk.WriteAsync(options, tables, log);
        }
        else
        {
            await PostgresBulk.WriteAsync(options, tables, MonthsOf(world), log);
        }

        await using (var services = Services(options))
        {
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var outcome = await accounts.RegisterClinicianAsync(WorklistWorld.ClinicianEmail, WorklistWorld.ClinicianPassword, WorklistWorld.Clinicians[0], clinicId);
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinician = await db.Clinicians.SingleAsync(c => c.Id == clinicianIds[0]);
            clinician.LinkAccount(outcome.Account!.Id);
            await db.SaveChangesAsync();
        }

        return new SeededWorklist(clinicId, world);
    }

    /// <summary>The first day of each month the diary's 120 days touch, as a clinic's upkeep makes them partitions on PostgreSQL.</summary>
    private static List<DateOnly> MonthsOf(WorklistWorld world)
    {
        var months = new List<DateOnly>();
        var last = DateOnly.FromDateTime(world.SeededAtUtc);
        for (var month = DateOnly.FromDateTime(world.SeededAtUtc.AddDays(-120)); month <= last; month = month.AddMonths(1))
        {
            months.Add(new DateOnly(month.Year, month.Month, 1));
        }

        return months;
    }

    /// <summary>The bulk rows, table by table in foreign-key order, each row's values in the column order given.</summary>
    private static List<BulkTable> Tables(WorklistWorld world, Guid clinicId, List<Guid> clinicianIds, List<WorklistWorld.Patient> patients)
    {
        // Nobody signs in as these patients: one made-up hash of the product's shape stands for all of them.
        const string PasswordHash = "AQAAAAIAAYagAAAAEBenchmarkOnlyNotARealPasswordHashBenchmarkOnlyNotARealHash==";
        var appointments = world.MakeAppointments(patients, clinicianIds);
        var messages = WorklistWorld.MakeMessages(patients, clinicianIds[0]);
        return
        [
            new("accounts",
                ["id", "email", "normalized_email", "display_name", "password_hash", "role", "security_stamp", "email_confirmed", "created_utc", "clinic_id",
                 "date_of_birth", "phone", "phone_digits"],
                patients.Select(p => new object?[]
                {
                    p.Id, p.Email, Account.NormalizeEmail(p.Email), p.Name, PasswordHash, "Patient", p.Id.ToString("N"), true, p.CreatedUtc, null,
                    p.DateOfBirth, p.Phone, p.PhoneDigits,
                }),
                patients.Count),
            new("saved_assessments",
                ["id", "owner_id", "created_utc", "case_json", "result_json", "disposition", "age", "check_fingerprint"],
                patients.Select(p => new object?[]
                {
                    Guid.CreateVersion7(p.CreatedUtc.AddMinutes(5)), p.Id, p.CreatedUtc.AddMinutes(5),
                    """{"findings":{"pain_score":6,"onset_days":2}}""", $$"""{"disposition":"{{p.Disposition}}"}""", p.Disposition, 45, null,
                }),
                patients.Count),
            new("clinic_patients",
                ["clinic_id", "patient_id", "priority", "waiting_since_utc", "last_activity_utc", "disposition", "red_flags", "assigned_clinician_id"],
                patients.Select(p => new object?[]
                {
                    clinicId, p.Id, p.Priority, p.WaitingSinceUtc, p.LastActivityUtc, p.Disposition, p.RedFlags,
                    p.AssignedTo is { } clinician ? clinicianIds[clinician] : null,
                }),
                patients.Count),
            new("slots",
                ["id", "clinic_id", "clinician_id", "start_utc", "end_utc", "kind"],
                appointments.Select(a => new object?[] { a.Slot.Id, clinicId, a.Slot.ClinicianId, a.Slot.StartUtc, a.Slot.StartUtc.AddMinutes(30), "InPerson" }),
                appointments.Count),
            new("appointments",
                ["id", "owner_id", "created_utc", "slot_id", "clinic_id", "clinician_id", "start_utc", "end_utc", "kind", "reason", "assessment_id",
                 "disposition", "join_url", "status", "cancelled_utc"],
                appointments.Select(a => new object?[]
                {
                    a.Id, a.OwnerId, a.CreatedUtc, a.Slot.Id, clinicId, a.Slot.ClinicianId, a.Slot.StartUtc, a.Slot.StartUtc.AddMinutes(30), "InPerson",
                    "Back pain", null, a.Disposition, null, a.Cancelled ? "Cancelled" : "Booked", a.Cancelled ? a.CreatedUtc.AddDays(1) : null,
                }),
                appointments.Count),
            new("messages",
                ["id", "owner_id", "created_utc", "clinic_id", "author_id", "from_clinic", "body", "read_utc"],
                messages.Select(m => new object?[] { m.Id, m.OwnerId, m.CreatedUtc, clinicId, m.AuthorId, m.FromClinic, m.Body, m.ReadUtc }),
                messages.Count),
            new("diary_entries",
                ["id", "owner_id", "created_utc", "pain_score", "spasms", "could_walk", "could_sit", "could_sleep", "could_work", "medicines_taken",
                 "what_helped", "notes", "new_findings_json", "disposition", "progress", "red_flag", "walk_level", "sit_level", "sleep_level",
                 "work_level", "what_helped_other", "step_up", "new_red_flags_json", "result_hash"],
                world.MakeDiary(patients).Select(d => new object?[]
                {
                    d.Id, d.OwnerId, d.CreatedUtc, d.PainScore, d.Spasms, d.CouldWalk, d.CouldSit, d.CouldSleep, d.CouldWork, null,
                    d.WhatHelped, null, "{}", d.Disposition, d.Progress, d.RedFlag, d.Level, d.Level, d.Level,
                    d.Level, null, null, d.RedFlag ? """["bladder_dysfunction"]""" : "[]", null,
                }),
                WorklistWorld.DiaryEntries),
        ];
    }
}

internal sealed record BulkTable(string Name, string[] Columns, IEnumerable<object?[]> Rows, int Count);
