using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Auditing;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        // No foreign key to accounts: the record of an erasure must outlive the account it erased.
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Action).HasConversion<string>().IsRequired();
        builder.Property(e => e.ResourceType).IsRequired();
        builder.HasIndex(e => new { e.SubjectId, e.AtUtc });
    }
}
