# SPDX-License-Identifier: BSD-3-Clause
# ihvd: the Windows IHV extensibility contract on Linux.
#
#   make            build ihvd, ihv-rsn.so, the test programs      (into $(BUILD))
#   make test       install missing packages, build, run every test (unit + hwsim)
#   make demo       hostapd on hwsim, ihvd with ihv-rsn.so connects, ping across
#   make bench      benchmarks against wpa_supplicant and iwd
#   make bench-scale  one ihvd on 1, 4 and 16 interfaces, against wpa_supplicant and iwd
#   make SAN=1      the same with ASan+UBSan, into build-san/
#   make install PREFIX=/usr/local DESTDIR=...   (needs no Check: builds only what it installs)
#   make WERROR=0   warnings stay warnings (distribution builds with newer compilers)
#
# Install directories: BINDIR SBINDIR LIBDIR LIBEXECDIR PLUGINDIR INCLUDEDIR PKGCONFIGDIR
# MANDIR SYSCONFDIR SYSTEMDUNITDIR (defaults below, all under PREFIX but the
# unit directory). CPPFLAGS, CFLAGS and LDFLAGS from the environment are used.
#
# Sources are found by wildcard (see the rules below); outputs go to $(BUILD),
# so the tree can be built from anywhere: make -f /path/to/Makefile BUILD=/tmp/b

SRC := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ifeq ($(FUZZ),1)
# make fuzz: clang, libFuzzer's coverage in every object, ASan+UBSan.
BUILD ?= build-fuzz
CC := clang
SANFLAGS := -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined -DIHV_LIBFUZZER -Wno-format-nonliteral
FUZZ_LINK := -fsanitize=fuzzer
else ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS :=
endif

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
LIBDIR ?= $(PREFIX)/lib
LIBEXECDIR ?= $(PREFIX)/libexec
PLUGINDIR ?= $(LIBDIR)/ihvd
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
# ihvd -u: the bus policy where dbus-daemon reads it whatever PREFIX is; the activation
# file in PREFIX's system-services (/usr/local/share comes before /usr/share there).
DBUSPOLICYDIR ?= /usr/share/dbus-1/system.d
DBUSSERVICEDIR ?= $(PREFIX)/share/dbus-1/system-services
SYSTEMDUNITDIR ?= $(shell $(PKG_CONFIG) --variable=systemdsystemunitdir systemd 2>/dev/null || \
	echo /lib/systemd/system)
VERSION := 0.1
CC ?= cc
PKG_CONFIG ?= pkg-config

NL_CFLAGS := $(shell $(PKG_CONFIG) --cflags libnl-3.0 libnl-genl-3.0 2>/dev/null)
NL_LIBS := $(shell $(PKG_CONFIG) --libs libnl-3.0 libnl-genl-3.0 2>/dev/null)
SSL_CFLAGS := $(shell $(PKG_CONFIG) --cflags openssl 2>/dev/null)
SSL_LIBS := $(shell $(PKG_CONFIG) --libs openssl 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
# libsystemd: sd-bus for logind's session changes (src/daemon/logind.c), sd_notify.
SYSTEMD_LIBS := $(shell $(PKG_CONFIG) --libs libsystemd 2>/dev/null)
SYSTEMD_CFLAGS := $(if $(SYSTEMD_LIBS),-DIHVD_HAVE_SYSTEMD $(shell $(PKG_CONFIG) --cflags libsystemd 2>/dev/null))

OPT ?= -O2 -g
CFLAGS ?= $(OPT)
WERROR ?= 1
WARN := -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -Wshadow -Wformat=2 \
	-Wno-missing-field-initializers
ALL_CFLAGS := -std=gnu11 $(WARN) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -fPIC \
	-DIHVD_VERSION='"$(VERSION)"' \
	-I$(SRC) -I$(SRC)/plugin-api -I$(SRC)/src $(NL_CFLAGS) $(SSL_CFLAGS) $(SYSTEMD_CFLAGS) \
	-MMD -MP
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)

# --- sources, discovered ----------------------------------------------------
# The rooms (docs/architecture.md): common <- nl80211 <- core <- daemon; rsn
# (the reference plugin) sees only plugin-api/ and common.
COMMON_SRCS := $(sort $(wildcard $(SRC)/src/common/*.c))
NL_SRCS := $(sort $(wildcard $(SRC)/src/nl80211/*.c))
CORE_SRCS := $(sort $(wildcard $(SRC)/src/core/*.c))
IPC_SRCS := $(sort $(wildcard $(SRC)/src/ipc/*.c))
PHOST_SRCS := $(sort $(wildcard $(SRC)/src/plugin-host/*.c))
DAEMON_SRCS := $(filter-out $(SRC)/src/daemon/main.c,$(sort $(wildcard $(SRC)/src/daemon/*.c)))
RSN_SRCS := $(sort $(wildcard $(SRC)/src/rsn/*.c))
# eap-load.c is ihvd's alone: the EAP peer's API forwarded to EAP_MODULE, loaded on first use.
EAP_LOADER := $(SRC)/src/eap/eap-load.c
EAP_SRCS := $(filter-out $(EAP_LOADER),$(sort $(wildcard $(SRC)/src/eap/*.c)))
VERIFY_SRCS := $(sort $(wildcard $(SRC)/src/verify/*.c))
DBUS_SRCS := $(sort $(wildcard $(SRC)/src/dbus/*.c))
SIM_SRCS := $(sort $(wildcard $(SRC)/tests/sim/*.c))
UNIT_SRCS := $(sort $(wildcard $(SRC)/tests/unit/*/test-*.c))
TPLUGIN_SRCS := $(sort $(wildcard $(SRC)/tests/plugins/*.c))
TOOL_SRCS := $(sort $(wildcard $(SRC)/tests/hwsim/tools/*.c))
BENCH_SRCS := $(sort $(wildcard $(SRC)/tests/bench/*.c))
FUZZ_SRCS := $(sort $(wildcard $(SRC)/tests/fuzz/fuzz-*.c))

obj = $(patsubst $(SRC)/%.c,$(BUILD)/obj/%.o,$(1))

COMMON_LIB := $(BUILD)/libihvcommon.a
NL_LIB := $(BUILD)/libihvnl.a
CORE_LIB := $(BUILD)/libihvcore.a $(BUILD)/libihvipc.a
IPC_LIB := $(BUILD)/libihvipc.a
PLUGIN_HOST := $(BUILD)/ihvd-plugin-host
DAEMON_LIB := $(BUILD)/libihvdaemon.a
EAP_LIB := $(BUILD)/libihveap.a
# The EAP peer as ihvd loads it (src/eap/eap-load.c): ihvd links no OpenSSL.
EAP_MODULE := $(BUILD)/ihvd-eap.so
# ihvd -u: wpa_supplicant's D-Bus service (src/dbus, sd-bus).
DBUS_LIB := $(BUILD)/libihvdbus.a
RSN_LIB := $(BUILD)/librsn.a
IHVD := $(BUILD)/ihvd
RSN_SO := $(BUILD)/ihv-rsn.so
IHV_VERIFY := $(BUILD)/ihv-verify
SIM_OBJS := $(call obj,$(SIM_SRCS))
UNIT_BINS := $(patsubst $(SRC)/%.c,$(BUILD)/%,$(UNIT_SRCS))
TPLUGINS := $(patsubst $(SRC)/%.c,$(BUILD)/%.so,$(TPLUGIN_SRCS))
TOOLS := $(patsubst $(SRC)/%.c,$(BUILD)/%,$(TOOL_SRCS))
BENCHES := $(patsubst $(SRC)/%.c,$(BUILD)/%,$(BENCH_SRCS))
FUZZERS := $(patsubst $(SRC)/%.c,$(BUILD)/%,$(FUZZ_SRCS))

DAEMON_MAIN := $(wildcard $(SRC)/src/daemon/main.c)

.PHONY: all daemon test unit hwsim demo bench bench-scale deps install uninstall clean fuzz fuzz-run fuzzers \
	mutation packaging soak
.DEFAULT_GOAL := all

all: $(COMMON_LIB) $(NL_LIB) $(CORE_LIB) $(DAEMON_LIB) $(DBUS_LIB) $(EAP_LIB) $(RSN_LIB) $(if $(RSN_SRCS),$(RSN_SO)) \
	$(PLUGIN_HOST) $(EAP_MODULE) $(if $(VERIFY_SRCS),$(IHV_VERIFY)) \
	$(if $(DAEMON_MAIN),$(IHVD)) $(UNIT_BINS) $(TPLUGINS) $(TOOLS) $(BENCHES) \
	$(FUZZERS) $(BUILD)/ihvd-plugin.pc

# What make install installs, and nothing that needs Check.
daemon: $(if $(DAEMON_MAIN),$(IHVD)) $(PLUGIN_HOST) $(EAP_MODULE) $(if $(RSN_SRCS),$(RSN_SO)) \
	$(if $(VERIFY_SRCS),$(IHV_VERIFY)) $(BUILD)/ihvd-plugin.pc

$(BUILD)/obj/%.o: $(SRC)/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(COMMON_LIB): $(call obj,$(COMMON_SRCS))
$(NL_LIB): $(call obj,$(NL_SRCS))
$(firstword $(CORE_LIB)): $(call obj,$(CORE_SRCS))
$(IPC_LIB): $(call obj,$(IPC_SRCS))
$(DAEMON_LIB): $(call obj,$(DAEMON_SRCS))
$(RSN_LIB): $(call obj,$(RSN_SRCS))
$(EAP_LIB): $(call obj,$(EAP_SRCS))
$(DBUS_LIB): $(call obj,$(DBUS_SRCS))
$(COMMON_LIB) $(NL_LIB) $(CORE_LIB) $(DAEMON_LIB) $(DBUS_LIB) $(EAP_LIB) $(RSN_LIB):
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

# The plugin exports the contract's entry points and nothing else.
# common's codec comes from the archive: only the members the plugin uses.
$(RSN_SO): $(call obj,$(RSN_SRCS)) $(COMMON_LIB) $(SRC)/src/rsn/exports.map
	$(CC) -shared $(ALL_LDFLAGS) -Wl,--version-script=$(SRC)/src/rsn/exports.map \
		-Wl,-z,defs -o $@ $(call obj,$(RSN_SRCS)) $(COMMON_LIB) $(SSL_LIBS)

# No OpenSSL in ihvd: the EAP peer comes from EAP_MODULE when 802.1X first needs it.
# No libsystemd either: src/daemon/sd-load.c opens it on first use (-u, logind, NOTIFY_SOCKET).
$(IHVD): $(call obj,$(DAEMON_MAIN) $(EAP_LOADER)) $(DBUS_LIB) $(DAEMON_LIB) $(CORE_LIB) $(NL_LIB) \
		$(COMMON_LIB) | $(EAP_MODULE)
	$(CC) $(ALL_LDFLAGS) -rdynamic -o $@ $^ $(NL_LIBS) -lpthread -ldl

# -Bsymbolic: the module's calls to its own API bind to itself, not to eap-load.c's
# forwarders of the same names that ihvd exports (-rdynamic).
$(EAP_MODULE): $(call obj,$(EAP_SRCS)) $(SRC)/src/eap/exports.map
	$(CC) -shared $(ALL_LDFLAGS) -Wl,--version-script=$(SRC)/src/eap/exports.map -Wl,-Bsymbolic \
		-Wl,-z,defs -o $@ $(call obj,$(EAP_SRCS)) $(SSL_LIBS)

# The verifier vendors run (issue 10): the real core over a simulated adapter.
$(IHV_VERIFY): $(call obj,$(VERIFY_SRCS)) $(CORE_LIB) $(EAP_LIB) $(NL_LIB) $(COMMON_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(NL_LIBS) $(SSL_LIBS) -lpthread -ldl

# The plugin host (issue 11): the protocol, plugin-api and common's block set, no core.
$(PLUGIN_HOST): $(call obj,$(PHOST_SRCS)) $(IPC_LIB) $(COMMON_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lpthread -ldl

# Unit tests: tests/unit/<comp>/test-*.c, linked with their component.
UNIT_LIBS_common := $(COMMON_LIB)
UNIT_LIBS_rsn := $(RSN_LIB) $(COMMON_LIB)
UNIT_LIBS_core := $(SIM_OBJS) $(CORE_LIB) $(EAP_LIB) $(NL_LIB) $(RSN_LIB) $(COMMON_LIB)
UNIT_LIBS_daemon := $(SIM_OBJS) $(DAEMON_LIB) $(CORE_LIB) $(EAP_LIB) $(NL_LIB) $(COMMON_LIB)
UNIT_LIBS_nl80211 := $(NL_LIB) $(COMMON_LIB)
UNIT_LIBS_eap := $(EAP_LIB) $(COMMON_LIB)
UNIT_LIBS_ipc := $(IPC_LIB)
# the plugin host's objects without its main (the test supplies the phost state)
UNIT_LIBS_plugin-host := $(call obj,$(filter-out $(SRC)/src/plugin-host/main.c,$(PHOST_SRCS))) \
	$(IPC_LIB) $(COMMON_LIB)
UNIT_LIBS_dbus := $(DBUS_LIB) $(DAEMON_LIB) $(CORE_LIB) $(EAP_LIB) $(NL_LIB) $(COMMON_LIB)
# one program's own: ihvd's loader of the EAP module, without the peer it loads
UNIT_LIBS_test-eap-load := $(call obj,$(EAP_LOADER)) $(COMMON_LIB)
unit_comp = $(word 3,$(subst /, ,$(patsubst $(BUILD)/%,%,$(1))))
unit_libs = $(or $(UNIT_LIBS_$(notdir $(1))),$(UNIT_LIBS_$(call unit_comp,$(1))))

.SECONDEXPANSION:
$(UNIT_BINS): $(BUILD)/%: $(BUILD)/obj/%.o $$(call unit_libs,$$@)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -rdynamic -o $@ $^ $(CHECK_LIBS) $(NL_LIBS) $(SSL_LIBS) $(SYSTEMD_LIBS) \
		-lpthread -ldl

$(TPLUGINS): $(BUILD)/%.so: $(BUILD)/obj/%.o
	@mkdir -p $(@D)
	$(CC) -shared $(ALL_LDFLAGS) -o $@ $^ -lpthread

$(TOOLS): $(BUILD)/%: $(BUILD)/obj/%.o $(CORE_LIB) $(EAP_LIB) $(NL_LIB) $(COMMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(NL_LIBS) $(SSL_LIBS) -lpthread -ldl

$(BENCHES): $(BUILD)/%: $(BUILD)/obj/%.o $(RSN_LIB) $(COMMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SSL_LIBS) -lpthread

# Fuzz targets (tests/fuzz/fuzz-*.c): ordinary programs that replay inputs in
# a normal build, libFuzzer programs in make fuzz. Archives pull in only what
# a target uses.
FUZZ_ARCHIVES = $(DBUS_LIB) $(DAEMON_LIB) $(CORE_LIB) $(EAP_LIB) $(RSN_LIB) $(NL_LIB) $(COMMON_LIB)
$(FUZZERS): $(BUILD)/%: $(BUILD)/obj/%.o $$(FUZZ_ARCHIVES)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $(FUZZ_LINK) -o $@ $^ $(NL_LIBS) $(SSL_LIBS) $(SYSTEMD_LIBS) -lpthread -ldl

# The EAP peer against hostapd's EAP server over a veth pair (tests/interop).
EAP_INTEROP := $(BUILD)/tests/interop/eap-wired-peer
all: $(EAP_INTEROP)
$(EAP_INTEROP): $(BUILD)/%: $(BUILD)/obj/%.o $(EAP_LIB) $(COMMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SSL_LIBS)

# For recording test vectors (tests/unit/eap/data/README.md): an LD_PRELOAD key logger.
KEYLOG_SHIM := $(BUILD)/tests/tools/keylog-shim.so
all: $(KEYLOG_SHIM)
$(KEYLOG_SHIM): $(BUILD)/obj/tests/tools/keylog-shim.o
	@mkdir -p $(@D)
	$(CC) -shared $(ALL_LDFLAGS) -o $@ $^ $(SSL_LIBS) -ldl

# For recording the SAE known answers (tests/unit/rsn/data/README.md): logs OpenSSL's random outputs.
RAND_LOG_SHIM := $(BUILD)/tests/tools/rand-log-shim.so
all: $(RAND_LOG_SHIM)
$(RAND_LOG_SHIM): $(BUILD)/obj/tests/tools/rand-log-shim.o
	@mkdir -p $(@D)
	$(CC) -shared $(ALL_LDFLAGS) -o $@ $^ $(SSL_LIBS) -ldl

# What libcrypto alone costs a process in memory (README "Benchmarks"): loads it with dlopen.
CRYPTO_FLOOR := $(BUILD)/tests/tools/crypto-floor
all: $(CRYPTO_FLOOR)
$(CRYPTO_FLOOR): $(BUILD)/obj/tests/tools/crypto-floor.o
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -ldl

$(BUILD)/ihvd-plugin.pc: $(SRC)/plugin-api/ihvd-plugin.pc.in
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
		-e 's|@PLUGINDIR@|$(PLUGINDIR)|g' $< > $@

# --- running ----------------------------------------------------------------
deps:
	@$(SRC)/scripts/install-deps

unit: all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/scripts/run-unit $(UNIT_BINS)

# Mutation testing of src/core against the conformance suites (not in make test):
# scripts/mutation, mutants in tests/mutation/mutants.txt; ends "N killed, M survived".
mutation:
	@$(SRC)/scripts/mutation

hwsim: all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/tests/hwsim/run

# make test: packages first (the build needs them), then build, then every suite.
test:
	@$(SRC)/scripts/install-deps
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile -j2 all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/scripts/run-tests $(UNIT_BINS)

demo:
	@$(SRC)/scripts/install-deps
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile -j2 all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/scripts/demo

bench:
	@$(SRC)/scripts/install-deps --bench
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile -j2 all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/scripts/bench

bench-scale:
	@$(SRC)/scripts/install-deps --bench
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile -j2 all
	@IHVD_BUILD=$(abspath $(BUILD)) $(SRC)/scripts/bench-scale

# make soak: not part of make test. 10 minutes connected under load (tests/hwsim/soak/).
soak: all
	@IHVD_BUILD=$(abspath $(BUILD)) HWSIM_SCENARIO_DIR=$(SRC)/tests/hwsim/soak \
		HWSIM_SCENARIO_TIMEOUT=$$(( $${IHVD_SOAK_S:-600} + 600 )) $(SRC)/tests/hwsim/run -v

# make fuzz: the libFuzzer build of every target; make fuzz-run FUZZ_S=N runs
# each for N seconds from its corpus (tests/fuzz/corpus/NAME/).
FUZZ_S ?= 60
fuzzers: $(FUZZERS)
fuzz:
	@$(SRC)/scripts/install-deps
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile FUZZ=1 -j2 fuzzers
fuzz-run: fuzz
	@$(SRC)/scripts/fuzz-run $(FUZZ_S)

# --- install ----------------------------------------------------------------
UNITS := $(wildcard $(SRC)/systemd/*.service)
install: daemon
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(INCLUDEDIR)/ihvd \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSCONFDIR)/ihvd $(DESTDIR)$(LIBEXECDIR)/ihvd \
		$(DESTDIR)$(DBUSPOLICYDIR) $(DESTDIR)$(DBUSSERVICEDIR)
	install -m 644 $(SRC)/data/dbus/ihvd.conf $(DESTDIR)$(DBUSPOLICYDIR)/ihvd.conf
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@PLUGINDIR@|$(PLUGINDIR)|g' \
		$(SRC)/data/dbus/fi.w1.wpa_supplicant1.service.in \
		> $(DESTDIR)$(DBUSSERVICEDIR)/fi.w1.wpa_supplicant1.service
	chmod 644 $(DESTDIR)$(DBUSSERVICEDIR)/fi.w1.wpa_supplicant1.service
	$(if $(DAEMON_MAIN),install -m 755 $(IHVD) $(DESTDIR)$(SBINDIR)/ihvd)
	install -m 755 $(PLUGIN_HOST) $(DESTDIR)$(LIBEXECDIR)/ihvd/ihvd-plugin-host
	install -m 644 $(EAP_MODULE) $(DESTDIR)$(LIBEXECDIR)/ihvd/ihvd-eap.so
	$(if $(VERIFY_SRCS),install -m 755 $(IHV_VERIFY) $(DESTDIR)$(BINDIR)/ihv-verify)
	$(if $(VERIFY_SRCS),install -m 644 $(SRC)/man/ihv-verify.1 $(DESTDIR)$(MANDIR)/man1/ihv-verify.1)
	$(if $(RSN_SRCS),install -m 755 $(RSN_SO) $(DESTDIR)$(PLUGINDIR)/ihv-rsn.so)
	install -m 644 $(wildcard $(SRC)/plugin-api/*.h) $(DESTDIR)$(INCLUDEDIR)/ihvd/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
		-e 's|@PLUGINDIR@|$(PLUGINDIR)|g' $(SRC)/plugin-api/ihvd-plugin.pc.in \
		> $(DESTDIR)$(PKGCONFIGDIR)/ihvd-plugin.pc
	install -m 644 $(SRC)/man/ihvd.8 $(DESTDIR)$(MANDIR)/man8/ihvd.8
	install -m 644 $(SRC)/man/ihvd.conf.5 $(DESTDIR)$(MANDIR)/man5/ihvd.conf.5
	$(foreach u,$(UNITS),sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		-e 's|@PLUGINDIR@|$(PLUGINDIR)|g' $(u) > $(DESTDIR)$(SYSTEMDUNITDIR)/$(notdir $(u)) && \
		chmod 644 $(DESTDIR)$(SYSTEMDUNITDIR)/$(notdir $(u));)

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/ihvd $(DESTDIR)$(PLUGINDIR)/ihv-rsn.so \
		$(DESTDIR)$(BINDIR)/ihv-verify $(DESTDIR)$(MANDIR)/man1/ihv-verify.1 \
		$(DESTDIR)$(LIBEXECDIR)/ihvd/ihvd-plugin-host $(DESTDIR)$(LIBEXECDIR)/ihvd/ihvd-eap.so \
		$(DESTDIR)$(PKGCONFIGDIR)/ihvd-plugin.pc $(DESTDIR)$(MANDIR)/man8/ihvd.8 \
		$(DESTDIR)$(MANDIR)/man5/ihvd.conf.5 $(DESTDIR)$(DBUSPOLICYDIR)/ihvd.conf \
		$(DESTDIR)$(DBUSSERVICEDIR)/fi.w1.wpa_supplicant1.service \
		$(foreach u,$(UNITS),$(DESTDIR)$(SYSTEMDUNITDIR)/$(notdir $(u)))
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ihvd

# The .debs built from a copy of the tree, unpacked, ihvd -t run from there.
packaging:
	@$(SRC)/tests/packaging/run

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
