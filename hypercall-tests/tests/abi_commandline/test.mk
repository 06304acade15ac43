# SPDX-License-Identifier: MIT
XT_NAME := abi_commandline
XT_CATEGORY := positive
XT_HV_CMDLINE := loglvl=info scrub=idle dom0_mem=64M
