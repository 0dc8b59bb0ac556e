package dev.riffle.jobs.ingestion.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressesTest {

    @Test
    void parsesLiteralsOnly() {
        assertThat(IpAddresses.parse("81.2.69.160")).containsExactly(81, 2, 69, (byte) 160);
        assertThat(IpAddresses.parse("2001:db8::1")).hasSize(16);
        assertThat(IpAddresses.parse("::ffff:10.0.0.1")).isNotNull();
        for (String notLiteral :
                new String[] {
                    "example.com",
                    "256.1.1.1",
                    "1.2.3",
                    "1.2.3.4.5",
                    "1..2.3",
                    "",
                    "abcd",
                    "fe80::1%eth0",
                    "2001:db8::zz"
                }) {
            assertThat(IpAddresses.parse(notLiteral)).as(notLiteral).isNull();
        }
    }

    @Test
    void matchesCidrRangesOfBothFamilies() {
        CidrRange v4 = CidrRange.parse("10.0.0.0/8");
        assertThat(v4.contains(IpAddresses.parse("10.255.1.2"))).isTrue();
        assertThat(v4.contains(IpAddresses.parse("11.0.0.1"))).isFalse();
        assertThat(v4.contains(IpAddresses.parse("fd00::1"))).isFalse();
        CidrRange v4Odd = CidrRange.parse("172.16.0.0/12");
        assertThat(v4Odd.contains(IpAddresses.parse("172.31.255.255"))).isTrue();
        assertThat(v4Odd.contains(IpAddresses.parse("172.32.0.0"))).isFalse();
        CidrRange v6 = CidrRange.parse("fd00::/8");
        assertThat(v6.contains(IpAddresses.parse("fd12:3456::1"))).isTrue();
        assertThat(v6.contains(IpAddresses.parse("fe80::1"))).isFalse();
        assertThat(CidrRange.parse("192.0.2.7").contains(IpAddresses.parse("192.0.2.7"))).isTrue();
        assertThat(CidrRange.parse("0.0.0.0/0").contains(IpAddresses.parse("8.8.8.8"))).isTrue();
    }

    @Test
    void explainsWhatIsWrongWithARange() {
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33"))
                .hasMessage("'10.0.0.0/33' is not a CIDR range: the prefix length must be 0..32");
        assertThatThrownBy(() -> CidrRange.parse("intranet/8"))
                .hasMessage(
                        "'intranet/8' is not a CIDR range: the address part is not an IP literal");
    }

    @Test
    void validatesUtf8Strictly() {
        assertThat(Utf8.firstInvalid("plain ascii".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(-1);
        assertThat(Utf8.firstInvalid("é€😀 ok".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xC3, '('})).isEqualTo(1);
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xFF})).isZero();
        assertThat(Utf8.firstInvalid(new byte[] {'x', (byte) 0xC0, (byte) 0xAF}))
                .isEqualTo(1); // overlong
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .isZero(); // surrogate
        assertThat(
                        Utf8.firstInvalid(
                                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
                .isZero(); // above U+10FFFF
        assertThat(Utf8.firstInvalid(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82}))
                .isEqualTo(2); // cut
    }
}
