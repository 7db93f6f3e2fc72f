#!/bin/sh
# Self-signed certificates with the key types the conformance suites lack, for
# ParsingProviderTests: Ed25519, Ed448, RSA-PSS, EC with explicit curve parameters, SM2, and an
# X25519 key (certified by an Ed25519 key: X25519 cannot sign). Usage: key-types.sh FOLDER
# Any failing command stops the script with its own message.
set -eu
mkdir -p "$1"
cd "$1"
self_signed() {
    openssl req -x509 -key "$1.key" -out "$1.pem" -subj "/CN=$1" -days 1
}
openssl genpkey -algorithm ed25519 -out ed25519.key
self_signed ed25519
openssl genpkey -algorithm ed448 -out ed448.key
self_signed ed448
openssl genpkey -algorithm rsa-pss -pkeyopt rsa_keygen_bits:2048 -out rsa-pss.key
self_signed rsa-pss
openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out ec-explicit.key
self_signed ec-explicit
openssl genpkey -algorithm sm2 -out sm2.key
self_signed sm2
openssl genpkey -algorithm x25519 -out x25519.key
openssl pkey -in x25519.key -pubout -out x25519.pub
openssl req -new -key ed25519.key -subj /CN=x25519 -out x25519.csr
openssl x509 -req -in x25519.csr -signkey ed25519.key -force_pubkey x25519.pub -days 1 -out x25519.pem
rm -f ./*.key ./*.pub ./*.csr
