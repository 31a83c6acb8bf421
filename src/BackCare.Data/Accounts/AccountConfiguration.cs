using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Email).IsRequired();
        builder.Property(a => a.NormalizedEmail).IsRequired();
        builder.HasIndex(a => a.NormalizedEmail).IsUnique();
        builder.Property(a => a.DisplayName).IsRequired();
        builder.Property(a => a.PasswordHash).IsRequired();
        builder.Property(a => a.Role).HasConversion<string>().IsRequired();

        // Sign-ins that race must not lose a failure: an update only lands on the counters it read.
        builder.Property(a => a.FailedSignInCount).IsConcurrencyToken();
        builder.Property(a => a.LockoutEndUtc).IsConcurrencyToken();
    }
}
