# True reward against KL: best-of-n, PPO and DPO
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-frontier.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-frontier.png'
set termoption noenhanced
set title 'True reward against KL: best-of-n, PPO and DPO' font ',15'
set xlabel 'KL to the SFT model (nats per answer)'
set ylabel 'true reward gain over SFT (the formula'."'".'s points)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set xtics ('0.1' 0.1, '0.3' 0.3, '1' 1, '3' 3, '10' 10, '30' 30, '100' 100, '300' 300)
plot '07-rlhf-frontier.dat' index 0 using 1:2 with linespoints lt 1 title 'best-of-n, n = 2, 4, 8, 16', \
     '07-rlhf-frontier.dat' index 1 using 1:2 with points lt 2 title 'PPO β = 0.10 (3 seeds)', \
     '07-rlhf-frontier.dat' index 2 using 1:2 with points lt 3 title 'PPO β = 0.3', \
     '07-rlhf-frontier.dat' index 3 using 1:2 with points lt 4 title 'PPO β = 0', \
     '07-rlhf-frontier.dat' index 4 using 1:2 with points lt 5 title 'DPO β = 0.1 (3 seeds)', \
     '07-rlhf-frontier.dat' index 5 using 1:2 with points lt 6 title 'DPO β = 0.5', \
     '07-rlhf-frontier.dat' index 6 using 1:2 with lines lt 7 dt 2 title 'Gao et al. form for best-of-n, fitted', \
     '07-rlhf-frontier.dat' index 7 using 1:2 with lines lt 8 dt 2 title 'Gao et al. form for RL, fitted to β = 0'
