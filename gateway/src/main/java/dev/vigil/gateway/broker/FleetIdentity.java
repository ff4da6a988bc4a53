package dev.vigil.gateway.broker;

import dev.vigil.gateway.enrol.Role;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a client is, read from the certificate it presented (already verified against the fleet CA by
 * TLS): its role ({@code OU}), its name ({@code CN}: the device id for a box) and the certificate's
 * serial.
 */
public record FleetIdentity(Role role, String name, BigInteger serial) {
  /** Empty when the subject has no single OU naming a role or no single CN. */
  public static Optional<FleetIdentity> of(X509Certificate certificate) {
    try {
      LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
      Optional<String> unit = single(subject, "OU");
      Optional<String> cn = single(subject, "CN");
      Optional<Role> role = unit.flatMap(Role::ofUnit);
      if (role.isEmpty() || cn.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new FleetIdentity(role.get(), cn.get(), certificate.getSerialNumber()));
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> single(LdapName name, String type) {
    String found = null;
    for (Rdn rdn : name.getRdns()) {
      if (rdn.getType().equalsIgnoreCase(type)) {
        if (found != null || rdn.size() != 1) {
          return Optional.empty();
        }
        found = rdn.getValue().toString();
      }
    }
    return Optional.ofNullable(found);
  }
}
