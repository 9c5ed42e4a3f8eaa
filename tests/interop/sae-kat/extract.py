# SPDX-License-Identifier: BSD-3-Clause
"""The host half of tests/interop/record-sae-kat.sh: RAW_DIR/<case>.{pcap,rand,hostapd.log,
pmksa,case} -> OUT_DIR/<case>.kat (format: tests/unit/rsn/data/README.md).

    python3 extract.py RAW_DIR OUT_DIR "hostapd version line"
"""
import datetime
import glob
import os
import re
import struct
import sys

PASSWORD = b"correct horse battery"  # tests/interop/sae-kat/record-sae-kat.sh
SSID = b"ihvd-test"                   # hostapd-conf/sae.conf
ORDER = {  # the group order r (SEC 2 / RFC 5903), to recognise rand and mask among the draws
    19: 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    20: int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
            "581A0DB248B0A77AECEC196ACCC52973", 16),
    21: int("01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA"
            "51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409", 16),
}


def die(msg):
    sys.exit("record-sae-kat: " + msg)


def pcap_frames(path):
    """802.11 frames (radiotap stripped, FCS dropped) of a pcap file, in order."""
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        die("%s: not a little-endian pcap file" % path)
    if struct.unpack("<I", data[20:24])[0] != 127:
        die("%s: link type is not radiotap" % path)
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack("<I", data[off + 8:off + 12])[0]
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        rt_len = struct.unpack("<H", pkt[2:4])[0]
        present = struct.unpack("<I", pkt[4:8])[0]
        pos = 8
        p = present
        while p & 0x80000000:  # extended present bitmaps
            p = struct.unpack("<I", pkt[pos:pos + 4])[0]
            pos += 4
        flags = 0
        if present & 1:  # TSFT, 8-aligned
            pos = (pos + 7) & ~7
            pos += 8
        if present & 2:
            flags = pkt[pos]
        frame = pkt[rt_len:]
        if flags & 0x10:  # FCS at the end
            frame = frame[:-4]
        yield frame


def ies(buf):
    out = {}
    pos = 0
    while pos + 2 <= len(buf):
        eid, ln = buf[pos], buf[pos + 1]
        if eid not in out:
            out[eid] = buf[pos:pos + 2 + ln]
        pos += 2 + ln
    return out


def parse_air(path):
    seen = set()
    r = {"auth": [], "eapol": []}
    for f in pcap_frames(path):
        if len(f) < 24:
            continue
        fc0, fc1 = f[0], f[1]
        ftype, sub = (fc0 >> 2) & 3, fc0 >> 4
        a1, a2 = f[4:10], f[10:16]
        key = (a2, f[22:24], fc0)
        if key in seen:  # a retry of a frame already taken
            continue
        seen.add(key)
        if ftype == 0 and sub == 8 and "beacon" not in r:
            r["beacon"] = (a2, ies(f[24 + 12:]))
        elif ftype == 0 and sub == 0 and "assoc" not in r:
            r["assoc"] = (a2, a1, ies(f[24 + 4:]))
        elif ftype == 0 and sub == 11:
            alg, seq, status = struct.unpack("<HHH", f[24:30])
            if alg == 3:
                r["auth"].append((a2, a1, seq, status, f[30:]))
        elif ftype == 2 and not fc1 & 0x40:
            hdr = 24 + (6 if fc1 & 3 == 3 else 0) + (2 if sub & 8 else 0)
            hdr += 4 if (sub & 8 and fc1 & 0x80) else 0
            body = f[hdr:]
            if body[:8] == bytes.fromhex("aaaa03000000888e"):
                r["eapol"].append((a2, a1, body[8:]))
    return r


def rsne_akm(ie):
    """The AKM suite type of an RSNE that names exactly one (an Association Request's)."""
    body = ie[2:]
    pos = 2 + 4  # Version, Group Data Cipher Suite
    n_pw = struct.unpack("<H", body[pos:pos + 2])[0]
    pos += 2 + 4 * n_pw
    n_akm = struct.unpack("<H", body[pos:pos + 2])[0]
    if n_akm != 1 or body[pos + 2:pos + 5] != b"\x00\x0f\xac":
        die("the Association Request's RSNE does not name one 00-0F-AC AKM")
    return body[pos + 5]


def first(lst, pred, what):
    for x in lst:
        if pred(x):
            return x
    die("no " + what)


def hexdump_last(log, label, before=None):
    """The last `label - hexdump(len=N): ..` of hostapd's log (before a position)."""
    text = log if before is None else log[:before]
    # newer hostapd (with a message context) writes "IFNAME=wlan0 <2>" before the label
    found = re.findall(r"(?m)^[0-9.]*:? ?(?:IFNAME=\S+ <\d+>)?" + re.escape(label) +
                       r" - hexdump\(len=\d+\): ([0-9a-f ]+)$", text)
    if not found:
        die("hostapd log has no '%s' hexdump" % label)
    return found[-1].replace(" ", "")


def extract(raw, case, out, hv):
    air = parse_air(os.path.join(raw, case + ".pcap"))
    log = open(os.path.join(raw, case + ".hostapd.log")).read()
    if "beacon" not in air or "assoc" not in air:
        die(case + ": no Beacon or no Association Request in the capture")
    ap, ap_ies = air["beacon"]
    sta, _, sta_ies = air["assoc"]
    v = {}
    v["ssid"] = SSID.hex()
    v["password"] = PASSWORD.hex()
    v["sta_addr"] = sta.hex()
    v["ap_addr"] = ap.hex()
    auth = air["auth"]
    sc = first(auth, lambda a: a[0] == sta and a[2] == 1, "station Commit")
    ac = first(auth, lambda a: a[0] == ap and a[2] == 1 and a[3] in (0, 126), "AP Commit")
    scf = first(auth, lambda a: a[0] == sta and a[2] == 2, "station Confirm")
    acf = first(auth, lambda a: a[0] == ap and a[2] == 2, "AP Confirm")
    group = struct.unpack("<H", sc[4][:2])[0]
    v["group"] = "%d" % group
    v["pwe"] = "h2e" if sc[3] == 126 else "hnp"
    v["commit_status"] = "%d" % sc[3]
    v["sta_commit"] = sc[4].hex()
    v["ap_commit"] = ac[4].hex()
    v["sta_confirm"] = scf[4].hex()
    v["ap_confirm"] = acf[4].hex()
    # rand and mask: two successive draws from [2, r) whose sum mod r is the commit-scalar
    r = ORDER[group]
    olen = (r.bit_length() + 7) // 8
    scalar = int.from_bytes(sc[4][2:2 + olen], "big")
    draws = []
    snonces = []
    for line in open(os.path.join(raw, case + ".rand")):
        m = re.match(r"BN_priv_rand_range_ex range=([0-9A-F]+) out=([0-9A-F]+)", line)
        if m and int(m.group(1), 16) == r - 2:
            draws.append(int(m.group(2), 16) + 2)
        m = re.match(r"RAND_(?:priv_)?bytes(?:_ex)? len=32 out=([0-9a-f]+)", line)
        if m:
            snonces.append(m.group(1))
    pair = [(a, b) for a, b in zip(draws, draws[1:]) if (a + b) % r == scalar]
    if len(pair) != 1:
        die("%s: %d (rand, mask) pairs give the recorded scalar" % (case, len(pair)))
    v["rand"] = pair[0][0].to_bytes(olen, "big").hex()
    v["mask"] = pair[0][1].to_bytes(olen, "big").hex()
    v["ap_rsne"] = ap_ies[48].hex()
    if 244 in ap_ies:
        v["ap_rsnxe"] = ap_ies[244].hex()
    v["sta_rsne"] = sta_ies[48].hex()
    v["akm"] = "%d" % rsne_akm(sta_ies[48])  # 8 (SAE) or 24 (SAE-EXT-KEY)
    if 244 in sta_ies:
        v["sta_rsnxe"] = sta_ies[244].hex()
    # the 4-way handshake: Key Information ACK (0x0080), MIC (0x0100), Secure (0x0200)
    # Under TCG hostapd may time out and send message 1 again (another replay counter, maybe
    # another ANonce): take the chain that completed. Message 4 answers message 3 (same replay
    # counter); message 1 is the last one before message 3 with its ANonce; message 2 answers
    # that message 1.
    eap = [(i, s, e, struct.unpack(">H", e[5:7])[0], e[9:17], e[17:49])
           for i, (s, _, e) in enumerate(air["eapol"])]
    ap_m3 = [x for x in eap if x[1] == ap and x[3] & 0x01c0 == 0x01c0]
    m4 = first(eap, lambda x: x[1] == sta and x[3] & 0x0200 and
               any(m[4] == x[4] and m[0] < x[0] for m in ap_m3), "message 4")
    m3 = [m for m in ap_m3 if m[4] == m4[4] and m[0] < m4[0]][-1]
    m1 = [x for x in eap if x[1] == ap and x[3] & 0x0180 == 0x0080 and x[5] == m3[5] and
          x[0] < m3[0]]
    if not m1:
        die(case + ": no message 1 with message 3's ANonce")
    m1 = m1[-1]
    m2 = first(eap, lambda x: x[1] == sta and not x[3] & 0x0200 and x[4] == m1[4] and
               x[0] > m1[0], "message 2 answering message 1")
    snonce = m2[5].hex()
    if snonce not in snonces:
        die(case + ": message 2's SNonce is not among the logged random draws")
    v["snonce"] = snonce
    for n, m in (("m1", m1), ("m2", m2), ("m3", m3), ("m4", m4)):
        v["eapol_" + n] = m[2].hex()
    # hostapd's own results
    pmksa = open(os.path.join(raw, case + ".pmksa")).read()
    m = re.search(r"(?m)^\d+ " + ":".join("%02x" % b for b in sta) + r" ([0-9a-f]{32}) ", pmksa)
    if not m:
        die(case + ": hostapd_cli PMKSA has no entry for the station")
    v["pmkid"] = m.group(1)
    v["pmk"] = hexdump_last(log, "SAE: PMK")
    v["kck"] = hexdump_last(log, "SAE: KCK")
    m3_at = log.find("sending 3/4 msg of 4-Way Handshake")
    if m3_at < 0:
        die(case + ": hostapd log does not show message 3 being sent")
    v["tk"] = hexdump_last(log, "WPA: TK", m3_at)
    v["gtk"] = hexdump_last(log, "GTK", m3_at)
    v["igtk"] = hexdump_last(log, "IGTK", m3_at)
    path = os.path.join(out, case + ".kat")
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    with open(path, "w") as f:
        f.write("# %s: recorded %s from %s (hwsim, -dd -K) and ihvd + ihv-rsn.so\n" %
                (case + ".kat", when, hv))
        f.write("# by tests/interop/record-sae-kat.sh; see README.md. Test password, throwaway.\n")
        for k, val in v.items():
            f.write("%s=%s\n" % (k, val))


def main():
    raw, out, hv = sys.argv[1:4]
    cases = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(raw, "*.case")))
    if not cases:
        die("nothing recorded in " + raw)
    for c in cases:
        extract(raw, c, out, hv)


main()
