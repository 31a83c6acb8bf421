using BackCare.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notification_outbox");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasConversion<string>().IsRequired();
        builder.Property(n => n.State).HasConversion<string>().IsRequired();
        builder.Property(n => n.DedupeKey).IsRequired().HasMaxLength(Notification.MaxDedupeKeyLength);
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);

        // The same notice is never put in twice, whoever races to put it in.
        builder.HasIndex(n => n.DedupeKey).IsUnique().HasDatabaseName(DedupeIndex);

        // What the senders look for: waiting rows by due time.
        builder.HasIndex(n => n.DueUtc).HasFilter("state = 'Pending'").HasDatabaseName("ix_notification_outbox_due");
        builder.HasIndex(n => new { n.SubjectId, n.Kind });
        builder.HasIndex(n => n.CalendarUid);
        builder.HasIndex(n => n.AccountId);
    }

    public const string DedupeIndex = "ux_notification_outbox_dedupe_key";
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.AccountId);
        builder.Property(p => p.AccountId).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
