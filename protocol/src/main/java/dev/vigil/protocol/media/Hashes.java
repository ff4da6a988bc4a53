package dev.vigil.protocol.media;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 of media bytes, and the content address (lowercase hex) the store names files by. */
public final class Hashes {
  private Hashes() {}

  public static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  /** The media id of sealed bytes: lowercase hex SHA-256. */
  public static String mediaId(byte[] sealed) {
    return HexFormat.of().formatHex(sha256(sealed));
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
