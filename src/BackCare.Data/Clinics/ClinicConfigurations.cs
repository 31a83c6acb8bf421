using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Clinics;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> builder)
    {
        builder.ToTable("clinics");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).IsRequired();
        builder.Property(c => c.Address).IsRequired();
        builder.Property(c => c.Phone).IsRequired();
        builder.Property(c => c.TimeZoneId).IsRequired();
        builder.Ignore(c => c.TimeZone);
    }
}

internal sealed class ClinicianConfiguration : IEntityTypeConfiguration<Clinician>
{
    public void Configure(EntityTypeBuilder<Clinician> builder)
    {
        builder.ToTable("clinicians");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.DisplayName).IsRequired();
        builder.Property(c => c.Specialty).HasConversion<string>().IsRequired();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.ClinicId);
        builder.HasIndex(c => c.AccountId).IsUnique();
    }
}

internal sealed class WeeklyAvailabilityConfiguration : IEntityTypeConfiguration<WeeklyAvailability>
{
    public void Configure(EntityTypeBuilder<WeeklyAvailability> builder)
    {
        builder.ToTable("weekly_availability");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Day).HasConversion<int>();
        builder.Property(a => a.Kind).HasConversion<string>().IsRequired();
        builder.HasOne<Clinician>().WithMany().HasForeignKey(a => a.ClinicianId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ClinicianId);
    }
}

internal sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> builder)
    {
        builder.ToTable("time_off");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Reason).IsRequired();
        builder.Ignore(a => a.IsWholeDay);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(a => a.ClinicianId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ClinicianId, a.Date });
    }
}

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> builder)
    {
        builder.ToTable("slots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion<string>().IsRequired();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(s => s.ClinicianId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ClinicianId, s.StartUtc }).IsUnique();
        builder.HasIndex(s => new { s.ClinicId, s.Kind, s.StartUtc });
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Reason).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().IsRequired();
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Slot>().WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SavedAssessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.SetNull);

        // The guarantee that a slot is never booked twice, whatever the concurrency: at most one booked row per slot.
        builder.HasIndex(a => a.SlotId).IsUnique().HasFilter("status = 'Booked'").HasDatabaseName(SlotTakenIndex);
        builder.HasIndex(a => new { a.OwnerId, a.CreatedUtc });
        builder.HasIndex(a => new { a.ClinicId, a.StartUtc });
        builder.HasIndex(a => new { a.OwnerId, a.ClinicId, a.StartUtc });
    }

    /// <summary>The unique index whose violation means "the slot is taken".</summary>
    public const string SlotTakenIndex = "ux_appointments_booked_slot";
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Body).IsRequired();
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(m => m.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ClinicId, m.OwnerId, m.CreatedUtc });
        builder.HasIndex(m => new { m.OwnerId, m.CreatedUtc });
    }
}

internal sealed class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> builder)
    {
        builder.ToTable("contact_requests");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).IsRequired();
        builder.Property(c => c.Body).IsRequired();
        builder.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.PatientLink).HasConversion<string>().IsRequired();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.ClinicId, c.CreatedUtc });
        builder.HasIndex(c => c.PatientId);
    }
}

internal sealed class ContactReplyConfiguration : IEntityTypeConfiguration<ContactReply>
{
    public void Configure(EntityTypeBuilder<ContactReply> builder)
    {
        builder.ToTable("contact_replies");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Body).IsRequired();
        builder.Property(r => r.Route).HasConversion<string>().IsRequired();
        builder.HasOne<ContactRequest>().WithMany().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(r => r.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RequestId, r.CreatedUtc });
    }
}

internal sealed class ClinicalNoteConfiguration : IEntityTypeConfiguration<ClinicalNote>
{
    public void Configure(EntityTypeBuilder<ClinicalNote> builder)
    {
        builder.ToTable("clinical_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Body).IsRequired();
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(n => n.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.ClinicId, n.OwnerId, n.CreatedUtc });
    }
}

internal sealed class ClinicPatientConfiguration : IEntityTypeConfiguration<ClinicPatient>
{
    public void Configure(EntityTypeBuilder<ClinicPatient> builder)
    {
        builder.ToTable("clinic_patients");
        builder.HasKey(p => new { p.ClinicId, p.PatientId });
        builder.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        // Only the rows on the worklist: an acknowledged row is off it until something new comes in.
        builder.HasIndex(p => new { p.ClinicId, p.Priority, p.WaitingSinceUtc, p.PatientId })
            .HasDatabaseName("ix_clinic_patients_worklist").HasFilter("acknowledged_utc IS NULL");
        builder.HasIndex(p => p.PatientId);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(p => p.AssignedClinicianId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => new { p.ClinicId, p.AssignedClinicianId })
            .HasDatabaseName("ix_clinic_patients_assigned").HasFilter("assigned_clinician_id IS NOT NULL");
        builder.Ignore(p => p.IsAcknowledged);
        // Kept by the database's triggers from the account's name (migration 0028); EF never writes it.
        builder.Property(p => p.SortName).ValueGeneratedOnAddOrUpdate();
        builder.HasIndex(p => new { p.ClinicId, p.SortName, p.PatientId }).HasDatabaseName("ix_clinic_patients_by_name");
    }
}

internal sealed class WorklistAcknowledgementConfiguration : IEntityTypeConfiguration<WorklistAcknowledgement>
{
    public void Configure(EntityTypeBuilder<WorklistAcknowledgement> builder)
    {
        builder.ToTable("worklist_acknowledgements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ClinicId, a.CreatedUtc });
        builder.HasIndex(a => a.OwnerId);
    }
}

internal sealed class WorklistAssignmentConfiguration : IEntityTypeConfiguration<WorklistAssignment>
{
    public void Configure(EntityTypeBuilder<WorklistAssignment> builder)
    {
        builder.ToTable("worklist_assignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(a => a.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(a => a.ClinicianId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.ClinicId, a.OwnerId, a.CreatedUtc });
        builder.HasIndex(a => a.OwnerId);
    }
}
